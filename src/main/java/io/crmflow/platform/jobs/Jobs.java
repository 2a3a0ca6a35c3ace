package io.crmflow.platform.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues background work for the current workspace. The job is stored in the caller's transaction (it exists only
 * if the caller commits) and later run by the {@link JobHandler} of its kind, with the same workspace as tenant,
 * on exactly one node.
 */
@Service
public class Jobs {

    private final JobRepository jobs;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Set<String> kinds;
    private final Clock clock;

    Jobs(JobRepository jobs, ObjectProvider<SchedulerClient> scheduler, List<JobHandler> handlers, Clock clock) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.kinds = handlers.stream().map(JobHandler::kind).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Queues a job to run as soon as possible; returns its id. */
    @Transactional
    public UUID enqueue(String kind, String payload) {
        return schedule(kind, payload, Instant.now(clock));
    }

    /**
     * Queues a job to run at {@code at} (or as soon as possible if that has passed); returns its id.
     *
     * @throws IllegalStateException outside a workspace
     * @throws IllegalArgumentException if no handler runs this kind
     */
    @Transactional
    public UUID schedule(String kind, String payload, Instant at) {
        UUID workspace = Tenancy.currentTenant()
                .orElseThrow(() -> new IllegalStateException("Jobs are queued for the current workspace: none is set"));
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException("No JobHandler for kind " + kind);
        }
        UUID id = Ids.newId();
        jobs.insert(workspace, id, kind, payload, at, Instant.now(clock));
        scheduler.getObject().schedule(JobRunner.instance(id, workspace), at);
        return id;
    }
}
