package io.crmflow.platform.jobs;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.crmflow.platform.tenancy.Tenancy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one attempt of a job, as db-scheduler's one-time task {@value #TASK_NAME} (instance id = job id, data = its
 * workspace id). The workspace becomes the tenant before anything is read; the job's row is marked RUNNING in one
 * short transaction, the handler runs outside any, and the outcome is written in another. A failed attempt is
 * rethrown so that db-scheduler retries it with exponential backoff; the last one is recorded as FAILED and not
 * rethrown, so that db-scheduler forgets the execution while the job row keeps the error.
 */
@Component
class JobRunner {

    static final String TASK_NAME = "job";
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final Map<String, JobHandler> handlers;
    private final JobRepository jobs;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration retryDelay;

    JobRunner(
            List<JobHandler> handlers,
            JobRepository jobs,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${crmflow.jobs.max-attempts}") int maxAttempts,
            @Value("${crmflow.jobs.retry-delay}") Duration retryDelay) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
    }

    /** The db-scheduler execution of a job. */
    static TaskInstance<String> instance(UUID jobId, UUID workspace) {
        return new TaskInstance<>(TASK_NAME, jobId.toString(), workspace.toString());
    }

    Duration retryDelay() {
        return retryDelay;
    }

    /** Runs the job's next attempt in its workspace; throws {@link AttemptFailed} when it should be retried. */
    void run(String jobId, String workspace) {
        Tenancy.runAs(UUID.fromString(workspace), null, () -> attempt(UUID.fromString(jobId)));
    }

    private void attempt(UUID id) {
        var job = tx.execute(status -> jobs.start(id, Instant.now(clock)).orElse(null));
        if (job == null) {
            return; // cancelled (or forgotten) before it ran
        }
        try {
            JobHandler handler = handlers.get(job.kind());
            if (handler == null) {
                throw new IllegalStateException("No JobHandler for kind " + job.kind());
            }
            handler.handle(job.payload());
        } catch (Exception e) {
            failed(job, e);
            return;
        }
        Instant now = Instant.now(clock);
        tx.executeWithoutResult(status -> jobs.finish(job, "SUCCEEDED", null, now, now));
    }

    private void failed(JobRepository.JobRow job, Exception e) {
        boolean last = job.attempts() >= maxAttempts;
        Instant now = Instant.now(clock);
        // the same delay db-scheduler's ExponentialBackoffFailureHandler will wait: retryDelay × 2^(attempt − 1)
        Instant retryAt = now.plus(retryDelay.multipliedBy(1L << Math.min(job.attempts() - 1, 20)));
        tx.executeWithoutResult(status -> jobs.finish(job, last ? "FAILED" : "QUEUED", describe(e), retryAt, now));
        if (last) {
            log.warn("Job {} ({}) failed for good after {} attempts", job.id(), job.kind(), job.attempts(), e);
            return;
        }
        throw new AttemptFailed(job, e);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** An attempt failed and will be retried. */
    static class AttemptFailed extends RuntimeException {
        AttemptFailed(JobRepository.JobRow job, @Nullable Throwable cause) {
            super("Job " + job.id() + " (" + job.kind() + ") attempt " + job.attempts() + " failed", cause);
        }
    }
}
