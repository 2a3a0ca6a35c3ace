package io.crmflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Workspace jobs: run in their workspace, retried with backoff, listed, retried and cancelled by admins. */
@IntegrationTest
class JobsTests {

    @LocalServerPort
    int port;

    @Autowired
    Jobs jobs;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void aJobRunsWithTheTenantOfTheWorkspaceThatQueuedIt() {
        var alice = new Api(port);
        alice.signUpFresh("Jobs A");
        var bob = new Api(port);
        bob.signUpFresh("Jobs B");
        UUID a = workspace(alice);
        UUID b = workspace(bob);
        String forA = "tenant-a-" + UUID.randomUUID();
        String forB = "tenant-b-" + UUID.randomUUID();

        UUID jobA = Tenancy.callAs(a, null, () -> jobs.enqueue(ProbeJobs.KIND, forA));
        UUID jobB = Tenancy.callAs(b, null, () -> jobs.enqueue(ProbeJobs.KIND, forB));

        awaitStatus(alice, jobA, "SUCCEEDED");
        awaitStatus(bob, jobB, "SUCCEEDED");
        assertThat(ProbeJobs.runs(forA)).singleElement().satisfies(run -> {
            assertThat(run.tenant()).isEqualTo(a);
            assertThat(run.jobWorkspaces()).containsExactly(a);
            assertThat(run.memberships()).isEqualTo(1);
        });
        assertThat(ProbeJobs.runs(forB)).singleElement().satisfies(run -> {
            assertThat(run.tenant()).isEqualTo(b);
            assertThat(run.jobWorkspaces()).containsExactly(b);
        });
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from job_runs where job_id = ? and tenant_id = ? and outcome = 'SUCCEEDED'",
                        jobA,
                        a))
                .isEqualTo(1);
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenFailedWithItsErrorAndRunsAgainWhenRetried() {
        var alice = new Api(port);
        alice.signUpFresh("Jobs failing");
        UUID a = workspace(alice);
        String name = "failing-" + UUID.randomUUID();
        ProbeJobs.FAILURES_LEFT.put(name, new AtomicInteger(3));

        UUID id = Tenancy.callAs(a, null, () -> jobs.enqueue(ProbeJobs.KIND, name));

        JsonNode failed = awaitStatus(alice, id, "FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(3); // max-attempts in the test configuration
        assertThat(failed.get("lastError").asString()).contains("probe failure for " + name);
        assertThat(ProbeJobs.runs(name)).hasSize(3);
        var listed = alice.get("/api/v1/admin/jobs?status=failed").json();
        assertThat(listed.get("data").valueStream().map(j -> j.get("id").asString()))
                .contains(id.toString());
        // each retry waited longer than the one before: 200 ms, then 400 ms (exponential backoff)
        var gaps = Sql.asOwner(owner, c -> {
            var rs = c.createStatement()
                    .executeQuery("select extract(epoch from started_at - lag(finished_at) over (order by attempt))"
                            + " from job_runs where job_id = '" + id + "' order by attempt");
            var seconds = new java.util.ArrayList<Double>();
            while (rs.next()) {
                seconds.add(rs.getDouble(1));
            }
            return seconds;
        });
        assertThat(gaps).hasSize(3);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(0.19);
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(0.39);
        assertThat(Sql.countAsOwner(
                        owner, "select count(*) from scheduled_tasks where task_instance = ?", id.toString()))
                .as("db-scheduler forgets a job that failed for good; the job row keeps it")
                .isZero();

        var retried = alice.post("/api/v1/admin/jobs/" + id + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("attempts").asInt()).isZero();
        JsonNode succeeded = awaitStatus(alice, id, "SUCCEEDED");
        assertThat(succeeded.get("attempts").asInt()).isEqualTo(1);
        assertThat(ProbeJobs.runs(name)).hasSize(4);
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from audit_events where action = 'job.retried' and entity_id = ?",
                        id.toString()))
                .isEqualTo(1);

        var again = alice.post("/api/v1/admin/jobs/" + id + "/retry", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("job_not_failed");
    }

    @Test
    void cancellingAQueuedJobRemovesItBeforeItRuns() {
        var alice = new Api(port);
        alice.signUpFresh("Jobs cancel");
        UUID a = workspace(alice);
        String name = "cancelled-" + UUID.randomUUID();
        UUID id = Tenancy.callAs(
                a, null, () -> jobs.schedule(ProbeJobs.KIND, name, Instant.now().plus(Duration.ofHours(1))));
        assertThat(alice.get("/api/v1/admin/jobs?status=queued")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(j -> j.get("id").asString()))
                .contains(id.toString());

        var cancelled = alice.post("/api/v1/admin/jobs/" + id + "/cancel", Map.of());

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(Sql.countAsOwner(
                        owner, "select count(*) from scheduled_tasks where task_instance = ?", id.toString()))
                .isZero();
        assertThat(Sql.countAsOwner(
                        owner, "select count(*) from job_runs where job_id = ? and outcome = 'CANCELLED'", id))
                .isEqualTo(1);
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from audit_events where action = 'job.cancelled' and entity_id = ?",
                        id.toString()))
                .isEqualTo(1);
        var twice = alice.post("/api/v1/admin/jobs/" + id + "/cancel", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asString()).isEqualTo("job_not_queued");
        assertThat(ProbeJobs.runs(name)).isEmpty();
    }

    @Test
    void adminsSeeAndActOnTheirOwnWorkspaceJobsOnly() {
        var alice = new Api(port);
        alice.signUpFresh("Jobs visible A");
        var bob = new Api(port);
        bob.signUpFresh("Jobs visible B");
        UUID a = workspace(alice);
        UUID id = Tenancy.callAs(
                a,
                null,
                () -> jobs.schedule(ProbeJobs.KIND, "later", Instant.now().plus(Duration.ofHours(1))));

        var page = alice.get("/settings/jobs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("data-testid=\"jobs-page\"").contains(id.toString());
        assertThat(alice.get("/").raw().body()).contains("data-testid=\"nav-jobs\"");

        var bobs = bob.get("/api/v1/admin/jobs").json();
        assertThat(bobs.has("nextCursor")).isTrue();
        assertThat(bobs.get("data").valueStream().map(j -> j.get("id").asString()))
                .doesNotContain(id.toString());
        assertThat(bob.get("/settings/jobs").raw().body()).doesNotContain(id.toString());
        assertThat(bob.post("/api/v1/admin/jobs/" + id + "/cancel", Map.of()).status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/admin/jobs/" + id + "/retry", Map.of()).status())
                .isEqualTo(404);
        var invalid = alice.get("/api/v1/admin/jobs?status=sleeping");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).contains("application/problem+json");
        assertThat(alice.post("/api/v1/admin/jobs/" + id + "/cancel", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void membersWithoutAdminRightsCannotSeeJobs() {
        var owner = new Api(port);
        owner.signUpFresh("Jobs roles");
        var member = owner.inviteNewMember("MEMBER");
        assertThat(member.get("/api/v1/admin/jobs").status()).isEqualTo(403);
        assertThat(member.post("/api/v1/admin/jobs/" + UUID.randomUUID() + "/retry", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(member.get("/settings/jobs").status()).isEqualTo(403);
    }

    @Test
    void jobsAreQueuedForAWorkspaceAndAKnownKindOnly() {
        assertThatThrownBy(() -> jobs.enqueue(ProbeJobs.KIND, "nowhere")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Tenancy.callAs(UUID.randomUUID(), null, () -> jobs.enqueue("no.such.kind", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static UUID workspace(Api api) {
        return UUID.fromString(api.get("/api/v1/me").json().at("/workspace/id").asString());
    }

    private static JsonNode awaitStatus(Api api, UUID id, String status) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> find(api, id),
                        job -> job != null && job.get("status").asString().equals(status));
    }

    private static JsonNode find(Api api, UUID id) {
        return api.get("/api/v1/admin/jobs?limit=200")
                .json()
                .get("data")
                .valueStream()
                .filter(j -> j.get("id").asString().equals(id.toString()))
                .findFirst()
                .orElse(null);
    }
}
