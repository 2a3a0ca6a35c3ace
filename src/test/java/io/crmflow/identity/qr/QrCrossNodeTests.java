package io.crmflow.identity.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.CrmFlowApplication;
import io.crmflow.platform.notify.PgNotifications;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The desktop listens on one app node, the phone talks to another: state lives in PostgreSQL and the push crosses
 * nodes through LISTEN/NOTIFY.
 */
@IntegrationTest
class QrCrossNodeTests {

    static ConfigurableApplicationContext nodeB;

    @LocalServerPort
    int portA;

    @Autowired
    PgNotifications notificationsA;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @BeforeAll
    static void startSecondNode() {
        nodeB = new SpringApplicationBuilder(CrmFlowApplication.class)
                .profiles("test")
                .run("--server.port=0"); // a command-line argument: it must beat application.yaml's port
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    static String next(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }

    @Test
    void aPhoneOnNodeBSignsInADesktopListeningOnNodeA() throws Exception {
        int portB = Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port"));
        while (!notificationsA.isListening("qr_events")
                || !nodeB.getBean(PgNotifications.class).isListening("qr_events")) {
            Thread.sleep(50);
        }
        var desktop = new Api(portA);
        var phone = new Api(portB);
        String email = phone.signUpFresh("Two nodes");

        var created = desktop.post("/api/v1/auth/qr-sessions", Map.of()).json();
        String id = created.get("id").asString();
        String url = created.get("qrUrl").asString();
        String token = url.substring(url.lastIndexOf('/') + 1);
        BlockingQueue<String> events = desktop.stream("/api/v1/auth/qr-sessions/" + id + "/events");
        assertThat(next(events, "status:")).isEqualTo("status:200");
        assertThat(next(events, "event:")).isEqualTo("event:pending");

        phone.post("/api/v1/auth/qr-sessions/" + token + "/scan", Map.of());
        assertThat(next(events, "event:")).isEqualTo("event:scanned");
        String data = next(events, "data:");
        int match = Sql.asOwner(owner, c -> {
            var s = c.prepareStatement("select match_number from qr_sessions where id = ?::uuid");
            s.setString(1, id);
            var r = s.executeQuery();
            r.next();
            return r.getInt(1);
        });
        assertThat(data).contains("\"matchNumber\":" + match);

        assertThat(phone.post("/api/v1/auth/qr-sessions/" + token + "/approve", Map.of("choice", match))
                        .status())
                .isEqualTo(200);
        assertThat(next(events, "event:")).isEqualTo("event:approved");
        var completed = desktop.post("/api/v1/auth/qr-sessions/" + id + "/complete", Map.of());
        assertThat(completed.json().at("/user/email").asString()).isEqualTo(email);
    }
}
