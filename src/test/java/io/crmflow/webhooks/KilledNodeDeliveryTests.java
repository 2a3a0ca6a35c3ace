package io.crmflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node that picked a delivery's job and died before recording anything loses no event: the delivery is still
 * PENDING in PostgreSQL, another node's dead-execution detection revives the job, and the event is delivered.
 */
@IntegrationTest
class KilledNodeDeliveryTests {

    @LocalServerPort
    int port;

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    OneTimeTask<String> jobTask;

    @Autowired
    DataSource appPool;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void deliveryPickedByADeadNodeIsDeliveredByAnother() throws Exception {
        var admin = new Api(port);
        admin.signUpFresh("Killed node");
        UUID workspace = UUID.fromString(
                admin.get("/api/v1/me").json().at("/workspace/id").asString());
        try (var receiver = new Receiver(0)) {
            UUID endpoint = UUID.fromString(
                    admin.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", List.of("member.created")))
                            .json()
                            .get("id")
                            .asString());

            // the event and its job commit as if a node had picked the job and died mid-POST: its heartbeat is old
            UUID delivery = Tenancy.callAs(
                    workspace,
                    null,
                    () -> new TransactionTemplate(transactions).execute(status -> {
                        UUID id = outbox.recordFor(endpoint, EventTypes.TEST, Map.of("message", "survives"));
                        String job = jdbc.sql("select id::text from jobs where payload = ?")
                                .param(id.toString())
                                .query(String.class)
                                .single();
                        jdbc.sql("update jobs set status = 'RUNNING', attempts = 1 where id = ?::uuid")
                                .param(job)
                                .update();
                        jdbc.sql("""
                                update scheduled_tasks set picked = true, picked_by = 'killed-node',
                                       last_heartbeat = now() - interval '1 hour', version = version + 1
                                where task_name = 'job' and task_instance = ?
                                """).param(job).update();
                        return id;
                    }));
            assertThat(Sql.countAsOwner(
                            owner,
                            "select count(*) from webhook_deliveries where id = ? and status = 'PENDING'",
                            delivery))
                    .isEqualTo(1);

            // another node whose housekeeping looks for dead executions often
            Scheduler survivor = Scheduler.create(new TransactionAwareDataSourceProxy(appPool), jobTask)
                    .schedulerName(new SchedulerName.Fixed("survivor"))
                    .heartbeatInterval(Duration.ofMillis(200))
                    .pollingInterval(Duration.ofMillis(100))
                    .build();
            survivor.start();
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> Sql.countAsOwner(
                                        owner,
                                        "select count(*) from webhook_deliveries where id = ? and status = 'SUCCEEDED'",
                                        delivery)
                                == 1);
            } finally {
                survivor.stop();
            }
            assertThat(receiver.requests).hasSize(1);
            assertThat(receiver.requests.getFirst().body()).contains("survives");
        }
    }
}
