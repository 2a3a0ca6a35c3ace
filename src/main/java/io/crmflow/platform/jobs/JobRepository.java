package io.crmflow.platform.jobs;

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

/** Jobs and their runs; every statement runs in the caller's transaction and sees the current workspace only. */
@Repository
class JobRepository {

    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record JobRow(
            UUID id,
            String kind,
            String payload,
            String status,
            int attempts,
            Instant runAt,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String lastError) {}

    void insert(UUID workspace, UUID id, String kind, String payload, Instant runAt, Instant now) {
        jdbc.sql("""
                insert into jobs (tenant_id, id, kind, payload, status, run_at, created_at)
                values (?, ?, ?, ?, 'QUEUED', ?, ?)
                """)
                .params(workspace, id, kind, payload, Timestamp.from(runAt), Timestamp.from(now))
                .update();
    }

    Optional<JobRow> find(UUID id) {
        return jdbc.sql("select * from jobs where id = ?")
                .param(id)
                .query(JobRepository::row)
                .optional();
    }

    /** Marks a QUEUED (or, after a dead node, RUNNING) job as running its next attempt; empty if cancelled/gone. */
    Optional<JobRow> start(UUID id, Instant now) {
        return jdbc.sql("""
                update jobs set status = 'RUNNING', attempts = attempts + 1, started_at = ?, finished_at = null
                where id = ? and status in ('QUEUED', 'RUNNING')
                returning *
                """)
                .params(Timestamp.from(now), id)
                .query(JobRepository::row)
                .optional();
    }

    /** Ends an attempt: the job is SUCCEEDED, FAILED for good, or QUEUED for a retry at {@code retryAt}. */
    void finish(JobRow job, String status, @Nullable String error, Instant retryAt, Instant now) {
        String truncated = truncate(error);
        jdbc.sql("""
                update jobs set status = ?, last_error = coalesce(?, last_error), finished_at = ?,
                                run_at = case when ? = 'QUEUED' then ? else run_at end
                where id = ?
                """)
                .params(status, truncated, Timestamp.from(now), status, Timestamp.from(retryAt), job.id())
                .update();
        String outcome = status.equals("QUEUED") ? "FAILED" : status;
        recordRun(job, job.attempts(), outcome, truncated, now);
    }

    void recordRun(JobRow job, int attempt, String outcome, @Nullable String error, Instant now) {
        jdbc.sql("""
                insert into job_runs (tenant_id, id, job_id, kind, attempt, scheduled_at, started_at, finished_at,
                                      outcome, error)
                values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        io.crmflow.shared.Ids.newId(),
                        job.id(),
                        job.kind(),
                        attempt,
                        Timestamp.from(job.runAt()),
                        job.startedAt() == null ? null : Timestamp.from(job.startedAt()),
                        Timestamp.from(now),
                        outcome,
                        error)
                .update();
    }

    /** FAILED → QUEUED with fresh attempts, due now; false unless it was FAILED. */
    boolean requeue(UUID id, Instant now) {
        return jdbc.sql("""
                update jobs set status = 'QUEUED', attempts = 0, run_at = ?, started_at = null, finished_at = null
                where id = ? and status = 'FAILED'
                """).params(Timestamp.from(now), id).update() == 1;
    }

    /** QUEUED → CANCELLED; false unless it was QUEUED. */
    boolean cancel(UUID id, Instant now) {
        return jdbc.sql("update jobs set status = 'CANCELLED', finished_at = ? where id = ? and status = 'QUEUED'")
                        .params(Timestamp.from(now), id)
                        .update()
                == 1;
    }

    /** The workspace's jobs, newest first, optionally of one status; keyset-paginated on (created_at, id). */
    List<JobRow> list(@Nullable String status, @Nullable Instant beforeAt, @Nullable UUID beforeId, int limit) {
        return jdbc.sql("""
                select * from jobs
                where (cast(? as text) is null or status = ?)
                  and (cast(? as timestamptz) is null or (created_at, id) < (?, ?))
                order by created_at desc, id desc
                limit ?
                """)
                .params(status, status, ts(beforeAt), ts(beforeAt), beforeId, limit)
                .query(JobRepository::row)
                .list();
    }

    /** Forgets the workspace's jobs that ended before {@code before}, with their runs, and older runs. */
    int purgeEndedBefore(Instant before) {
        int runs = jdbc.sql("delete from job_runs where finished_at < ?")
                .param(Timestamp.from(before))
                .update();
        int ended = jdbc.sql("""
                delete from jobs where finished_at < ? and status in ('SUCCEEDED', 'FAILED', 'CANCELLED')
                """).param(Timestamp.from(before)).update();
        return runs + ended;
    }

    private static @Nullable String truncate(@Nullable String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }

    private static @Nullable Timestamp ts(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static JobRow row(ResultSet rs, int n) throws SQLException {
        return new JobRow(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("payload"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("run_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("last_error"));
    }
}
