package io.crmflow.email;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The global outbox table. Every read for admins names the workspace explicitly: there is no row level security. */
@Repository
class OutboxRepository {

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record OutboxRow(
            UUID id,
            @Nullable UUID workspaceId,
            String kind,
            boolean accountMail,
            String recipient,
            String subject,
            String textBody,
            String htmlBody,
            String status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant sentAt) {}

    private static final String COLUMNS = """
            id, workspace_id, kind, account_mail, recipient, subject, text_body, html_body, status, attempts,
            next_attempt_at, last_error, created_at, sent_at""";

    void insert(UUID id, OutgoingEmail email, EmailOutbox.Rendered rendered, Instant now) {
        jdbc.sql("""
                insert into email_outbox (id, workspace_id, kind, account_mail, recipient, subject, text_body, html_body,
                                          status, attempts, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?)
                """)
                .params(
                        id,
                        email.workspaceId(),
                        email.template(),
                        email.accountMail(),
                        email.to(),
                        email.subject(),
                        rendered.text(),
                        rendered.html(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    /**
     * Claims due mail for one sending attempt: counts the attempt and leases the rows until {@code leaseUntil}, in one
     * statement. {@code skip locked} lets several nodes claim at once without waiting or sending a row twice; a node
     * that dies mid-send leaves the row to be retried when the lease ends.
     */
    List<OutboxRow> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("update email_outbox o set attempts = o.attempts + 1, next_attempt_at = ?"
                        + " from (select id from email_outbox where status = 'QUEUED' and next_attempt_at <= ?"
                        + " order by next_attempt_at limit ? for update skip locked) due"
                        + " where o.id = due.id returning o." + COLUMNS)
                .params(Timestamp.from(leaseUntil), Timestamp.from(now), limit)
                .query(OutboxRepository::map)
                .list();
    }

    /** Queued mail not yet written to the log (when no SMTP server is configured), claimed like {@link #claimDue}. */
    List<OutboxRow> claimUnlogged(Instant now, int limit) {
        return jdbc.sql("update email_outbox o set logged_at = ?"
                        + " from (select id from email_outbox where status = 'QUEUED' and logged_at is null"
                        + " order by created_at limit ? for update skip locked) due"
                        + " where o.id = due.id returning o." + COLUMNS)
                .params(Timestamp.from(now), limit)
                .query(OutboxRepository::map)
                .list();
    }

    void markSent(UUID id, Instant now) {
        jdbc.sql("update email_outbox set status = 'SENT', sent_at = ?, last_error = null where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    void markRetry(UUID id, String error, Instant nextAttempt) {
        jdbc.sql("update email_outbox set last_error = ?, next_attempt_at = ? where id = ? and status = 'QUEUED'")
                .params(error, Timestamp.from(nextAttempt), id)
                .update();
    }

    void markFailed(UUID id, String error) {
        jdbc.sql("update email_outbox set status = 'FAILED', last_error = ? where id = ?")
                .params(error, id)
                .update();
    }

    /** The workspace's mail, newest first, keyset-paginated. */
    List<OutboxRow> ofWorkspace(UUID workspaceId, @Nullable Instant beforeAt, @Nullable UUID beforeId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from email_outbox
                        where workspace_id = ?
                          and (cast(? as timestamptz) is null or (created_at, id) < (cast(? as timestamptz), ?))
                        order by created_at desc, id desc
                        limit ?
                        """)
                .params(workspaceId, ts(beforeAt), ts(beforeAt), beforeId, limit)
                .query(OutboxRepository::map)
                .list();
    }

    Optional<OutboxRow> findInWorkspace(UUID workspaceId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from email_outbox where workspace_id = ? and id = ?")
                .params(workspaceId, id)
                .query(OutboxRepository::map)
                .optional();
    }

    /** Puts a FAILED row back in the queue with fresh attempts; false if it was not FAILED. */
    boolean requeue(UUID workspaceId, UUID id, Instant now) {
        return jdbc.sql("""
                        update email_outbox set status = 'QUEUED', attempts = 0, next_attempt_at = ?, logged_at = null
                        where workspace_id = ? and id = ? and status = 'FAILED'
                        """).params(Timestamp.from(now), workspaceId, id).update() == 1;
    }

    private static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static OutboxRow map(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxRow(
                rs.getObject("id", UUID.class),
                rs.getObject("workspace_id", UUID.class),
                rs.getString("kind"),
                rs.getBoolean("account_mail"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("text_body"),
                rs.getString("html_body"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
