package io.crmflow.records;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What bulk actions and merges changed, kept in {@code record_undo} so they can be undone: once, within
 * {@link #WINDOW}. The snapshot is JSON the module that wrote it knows how to put back.
 */
@Component
public class UndoLog {

    public static final Duration WINDOW = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final Clock clock;

    UndoLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An undo entry: {@code kind} bulk or merge, {@code entity} contact or company, {@code snapshot} JSON. */
    public record Entry(
            UUID id,
            String kind,
            String entity,
            String action,
            List<UUID> recordIds,
            String snapshot,
            @org.jspecify.annotations.Nullable UUID userId) {}

    /** Keeps a snapshot in the caller's transaction; returns its id (the undo id). */
    public UUID keep(String kind, String entity, String action, List<UUID> recordIds, String snapshotJson) {
        UUID id = Ids.newId();
        jdbc.sql("""
                        insert into record_undo (tenant_id, id, kind, entity, action, record_ids, snapshot, user_id,
                                                 created_at)
                        values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(
                        id,
                        kind,
                        entity,
                        action,
                        recordIds.toArray(UUID[]::new),
                        snapshotJson,
                        Tenancy.current().userId(),
                        Timestamp.from(Instant.now(clock)))
                .update();
        return id;
    }

    /** The entry, if it exists in this workspace (404 otherwise), without claiming it. */
    public Entry find(UUID id) {
        return jdbc.sql("select id, kind, entity, action, record_ids, snapshot, user_id from record_undo where id = ?")
                .param(id)
                .query((rs, n) -> new Entry(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("entity"),
                        rs.getString("action"),
                        Arrays.asList((UUID[]) rs.getArray("record_ids").getArray()),
                        rs.getString("snapshot"),
                        rs.getObject("user_id", UUID.class)))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("undo"));
    }

    /**
     * Marks the entry undone, atomically: a second undo (or one racing this) gets 409; one older than the window
     * gets 409 too. The caller restores the snapshot in the same transaction.
     */
    public Entry claim(UUID id) {
        var entry = find(id);
        int claimed = jdbc.sql("update record_undo set undone_at = ? where id = ? and undone_at is null"
                        + " and created_at > ?")
                .params(
                        Timestamp.from(Instant.now(clock)),
                        id,
                        Timestamp.from(Instant.now(clock).minus(WINDOW)))
                .update();
        if (claimed == 0) {
            throw ApiProblem.conflict("not_undoable", "This action was already undone or is older than 30 days");
        }
        return entry;
    }

    /** Forgets entries older than the window in the current workspace; returns how many. */
    public int purgeOlderThan(Instant before) {
        return jdbc.sql("delete from record_undo where created_at < ?")
                .param(Timestamp.from(before))
                .update();
    }
}
