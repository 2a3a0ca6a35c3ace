package io.crmflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Several nodes polling one table run each job once; history is forgotten after 30 days. */
@IntegrationTest
class JobsAcrossNodesTests {

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    @Autowired
    JobRunner runner;

    @Autowired
    JobHistoryPurge purge;

    @Autowired
    DataSource appPool;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void twoSchedulersPollingTheSameTableRunEachJobExactlyOnce() {
        var alice = new Api(port);
        alice.signUpFresh("Jobs nodes");
        UUID workspace = workspace(alice);
        // a second node: its own db-scheduler instance on the same table, running the same job task
        var task = Tasks.oneTime(JobRunner.TASK_NAME, String.class).execute((instance, context) -> {
            ProbeJobs.NODE.set("node-2");
            try {
                runner.run(instance.getId(), instance.getData());
            } finally {
                ProbeJobs.NODE.remove();
            }
        });
        Scheduler secondNode = Scheduler.create(new TransactionAwareDataSourceProxy(appPool), task)
                .schedulerName(new SchedulerName.Fixed("node-2"))
                .threads(4)
                .pollingInterval(Duration.ofMillis(50))
                .build();
        secondNode.start();
        try {
            String batch = "nodes-" + UUID.randomUUID();
            Instant due = Instant.now().plusMillis(500); // both nodes find them due together
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = batch + "-" + i;
                names.add(name);
                Tenancy.runAs(workspace, null, () -> jobs.schedule(ProbeJobs.KIND, name, due));
            }

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Sql.countAsOwner(
                                    owner,
                                    "select count(*) from jobs where tenant_id = ? and status = 'SUCCEEDED'",
                                    workspace)
                            == names.size());

            for (String name : names) {
                assertThat(ProbeJobs.runs(name)).as(name).hasSize(1);
            }
            assertThat(Sql.countAsOwner(owner, "select count(*) from job_runs where tenant_id = ?", workspace))
                    .isEqualTo(names.size());
            assertThat(names.stream()
                            .map(n -> ProbeJobs.runs(n).getFirst().node())
                            .distinct())
                    .as("both nodes took part")
                    .contains("node-2");
        } finally {
            secondNode.stop();
        }
    }

    @Test
    void historyOlderThanThirtyDaysIsPurgedInEveryWorkspace() {
        var alice = new Api(port);
        alice.signUpFresh("Jobs purge");
        UUID workspace = workspace(alice);
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID queuedLongAgo = UUID.randomUUID();
        Sql.asOwner(owner, c -> {
            for (var row : List.of(
                    List.of(old, "SUCCEEDED", "31 days"),
                    List.of(recent, "FAILED", "29 days"),
                    List.of(queuedLongAgo, "QUEUED", "40 days"))) {
                Sql.update(c, """
                        insert into jobs (tenant_id, id, kind, payload, status, attempts, run_at, created_at,
                                          finished_at)
                        values (?, ?, 'seed', '', ?, 1, now(), now() - ?::interval, now() - ?::interval)""", workspace, row.get(0), row.get(1), row.get(2), row.get(2));
                Sql.update(c, """
                        insert into job_runs (tenant_id, id, job_id, kind, attempt, scheduled_at, finished_at, outcome)
                        values (?, ?, ?, 'seed', 1, now(), now() - ?::interval, 'FAILED')""", workspace, UUID.randomUUID(), row.get(0), row.get(2));
            }
            return null;
        });

        assertThat(purge.run()).isGreaterThanOrEqualTo(3);

        assertThat(Sql.countAsOwner(owner, "select count(*) from jobs where id = ?", old))
                .isZero();
        assertThat(Sql.countAsOwner(owner, "select count(*) from jobs where id = ?", recent))
                .isEqualTo(1);
        assertThat(Sql.countAsOwner(owner, "select count(*) from job_runs where job_id = ?", recent))
                .isEqualTo(1);
        assertThat(Sql.countAsOwner(owner, "select count(*) from jobs where id = ?", queuedLongAgo))
                .as("a job that has not ended is kept, only its old runs go")
                .isEqualTo(1);
        assertThat(Sql.countAsOwner(owner, "select count(*) from job_runs where job_id = ?", queuedLongAgo))
                .isZero();
    }

    private static UUID workspace(Api api) {
        return UUID.fromString(api.get("/api/v1/me").json().at("/workspace/id").asString());
    }
}
