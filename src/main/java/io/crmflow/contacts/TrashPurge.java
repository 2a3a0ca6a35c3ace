package io.crmflow.contacts;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.records.UndoLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Empties the trash: contacts and companies trashed (or merged away) more than {@link #RETENTION} ago are deleted
 * for good, and undo snapshots older than that are forgotten. Visits each workspace as its tenant, one short
 * transaction each, like the job history purge. Companies are purged here too (contacts may use companies, not
 * the other way round); their contacts keep living with no company (the foreign key sets it null).
 */
@Component
class TrashPurge {

    static final Duration RETENTION = UndoLog.WINDOW;
    private static final Logger log = LoggerFactory.getLogger(TrashPurge.class);

    private final JdbcClient jdbc;
    private final UndoLog undo;
    private final TransactionTemplate tx;
    private final Clock clock;

    TrashPurge(JdbcClient jdbc, UndoLog undo, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.undo = undo;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The rows removed in every workspace. */
    int run() {
        Instant before = Instant.now(clock).minus(RETENTION);
        int removed = 0;
        // workspaces is a global table: the one place listing every tenant
        for (UUID workspace : jdbc.sql("select id from workspaces order by id")
                .query(UUID.class)
                .list()) {
            removed += Tenancy.callAs(workspace, null, () -> tx.execute(s -> purge(before)));
        }
        if (removed > 0) {
            log.info("Purged {} trashed records and undo snapshots older than {}", removed, before);
        }
        return removed;
    }

    private int purge(Instant before) {
        var cutoff = Timestamp.from(before);
        int contacts = jdbc.sql("delete from contacts where deleted_at < ?")
                .param(cutoff)
                .update();
        int companies = jdbc.sql("delete from companies where deleted_at < ?")
                .param(cutoff)
                .update();
        return contacts + companies + undo.purgeOlderThan(before);
    }
}
