package io.crmflow.platform.jobs;

import io.crmflow.platform.tenancy.Tenancy;
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
 * Keeps job history for {@link #RETENTION}. Job rows are tenant rows, so the purge visits each workspace in turn
 * as its tenant (one short transaction each) rather than reaching past row level security.
 */
@Component
class JobHistoryPurge {

    static final Duration RETENTION = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(JobHistoryPurge.class);

    private final JdbcClient jdbc;
    private final JobRepository jobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    JobHistoryPurge(JdbcClient jdbc, JobRepository jobs, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Deletes what ended more than 30 days ago; returns the number of rows removed. */
    int run() {
        Instant before = Instant.now(clock).minus(RETENTION);
        int removed = 0;
        // workspaces is a global table: the one place listing every tenant
        for (UUID workspace : jdbc.sql("select id from workspaces order by id")
                .query(UUID.class)
                .list()) {
            removed += Tenancy.callAs(workspace, null, () -> tx.execute(s -> jobs.purgeEndedBefore(before)));
        }
        if (removed > 0) {
            log.info("Purged {} job history rows older than {}", removed, before);
        }
        return removed;
    }
}
