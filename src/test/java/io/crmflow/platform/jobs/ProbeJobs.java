package io.crmflow.platform.jobs;

import io.crmflow.platform.tenancy.Tenancy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A job handler for tests only. It is a plain component of the test classpath, so it joins the one shared Spring
 * context instead of creating another; tests steer it through static state keyed by the payload (a unique name).
 */
@Component
class ProbeJobs implements JobHandler {

    static final String KIND = "test.probe";

    /** What one run saw: the tenant set, and the workspaces whose jobs and memberships it could read. */
    record Run(@Nullable UUID tenant, Set<UUID> jobWorkspaces, long memberships, String node) {}

    static final Map<String, List<Run>> RUNS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    /** Set by a second scheduler in the test, to tell which node ran a job. */
    static final ThreadLocal<String> NODE = ThreadLocal.withInitial(() -> "node-1");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ProbeJobs(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String payload) {
        Run run = tx.execute(status -> new Run(
                Tenancy.currentTenant().orElse(null),
                Set.copyOf(jdbc.sql("select distinct tenant_id from jobs")
                        .query(UUID.class)
                        .list()),
                jdbc.sql("select count(*) from memberships").query(Long.class).single(),
                NODE.get()));
        RUNS.computeIfAbsent(payload, p -> new CopyOnWriteArrayList<>()).add(run);
        AtomicInteger failures = FAILURES_LEFT.get(payload);
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new IllegalStateException("probe failure for " + payload);
        }
    }

    static List<Run> runs(String payload) {
        return RUNS.getOrDefault(payload, List.of());
    }
}
