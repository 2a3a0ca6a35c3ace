package io.crmflow.platform.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current workspace's jobs for its OWNERs and ADMINs (the web layer checks the role): list, retry a FAILED job,
 * cancel a QUEUED one. Another workspace's job is not found (row level security hides it).
 */
@Service
class JobsAdmin {

    private static final Set<String> STATUSES = Set.of("queued", "running", "failed", "succeeded", "cancelled");

    private final JobRepository jobs;
    private final SchedulerClient scheduler;
    private final AuditLog audit;
    private final Clock clock;

    JobsAdmin(JobRepository jobs, SchedulerClient scheduler, AuditLog audit, Clock clock) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.audit = audit;
        this.clock = clock;
    }

    /** A job as admins see it (its payload may hold data for the handler only, so it is not shown). */
    record JobView(
            UUID id,
            String kind,
            String status,
            int attempts,
            Instant runAt,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable String lastError) {}

    @Transactional(readOnly = true)
    public CursorPage<JobView> list(@Nullable String status, @Nullable Cursor cursor, int limit) {
        if (Tenancy.currentTenant().isEmpty()) {
            return new CursorPage<>(List.of(), null);
        }
        var rows = jobs.list(
                statusFilter(status),
                cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.id(),
                limit + 1);
        return CursorPage.of(rows, limit, r -> new Cursor(r.createdAt(), r.id()))
                .map(JobsAdmin::view);
    }

    /** Runs a FAILED job again now, with fresh attempts; 404 outside the workspace, 409 unless FAILED. */
    @Transactional
    public JobView retry(UUID id) {
        UUID workspace = Tenancy.currentTenant().orElseThrow(() -> ApiProblem.notFound("Job"));
        jobs.find(id).orElseThrow(() -> ApiProblem.notFound("Job"));
        Instant now = Instant.now(clock);
        if (!jobs.requeue(id, now)) {
            throw ApiProblem.conflict("job_not_failed", "Only a job that failed for good can be retried");
        }
        scheduler.scheduleIfNotExists(JobRunner.instance(id, workspace), now);
        audit.record("job.retried", "job", id, Map.of());
        return view(jobs.find(id).orElseThrow());
    }

    /** Removes a QUEUED job before it runs, recorded as CANCELLED; 404 outside the workspace, 409 unless QUEUED. */
    @Transactional
    public JobView cancel(UUID id) {
        var job = jobs.find(id).orElseThrow(() -> ApiProblem.notFound("Job"));
        Instant now = Instant.now(clock);
        if (!jobs.cancel(id, now)) {
            throw ApiProblem.conflict("job_not_queued", "Only a queued job can be cancelled");
        }
        try {
            scheduler.cancel(TaskInstanceId.of(JobRunner.TASK_NAME, id.toString()));
        } catch (TaskInstanceCurrentlyExecutingException e) {
            throw ApiProblem.conflict("job_not_queued", "The job has just started and can no longer be cancelled");
        } catch (TaskInstanceNotFoundException e) {
            // nothing left to run: cancelling only records it
        }
        jobs.recordRun(job, job.attempts(), "CANCELLED", null, now);
        audit.record("job.cancelled", "job", id, Map.of("kind", new AuditLog.Change(job.kind(), null)));
        return view(jobs.find(id).orElseThrow());
    }

    private static @Nullable String statusFilter(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String normalized = status.toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(normalized)) {
            throw ApiProblem.invalid("status", "must be one of queued, running, failed, succeeded, cancelled");
        }
        return normalized.toUpperCase(Locale.ROOT);
    }

    private static JobView view(JobRepository.JobRow row) {
        return new JobView(
                row.id(),
                row.kind(),
                row.status(),
                row.attempts(),
                row.runAt(),
                row.createdAt(),
                row.startedAt(),
                row.finishedAt(),
                row.lastError());
    }
}
