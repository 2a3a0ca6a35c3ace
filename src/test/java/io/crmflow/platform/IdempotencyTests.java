package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A POST retried with the same Idempotency-Key gets the first answer, not a second effect. */
@IntegrationTest
class IdempotencyTests {

    @LocalServerPort
    int port;

    @Test
    void aRetryReplaysTheFirstResponseAndChangesNothing() {
        var api = new Api(port);
        api.signUpFresh("Idempotent");
        String key = UUID.randomUUID().toString();
        var body = Map.of("email", "once-" + UUID.randomUUID() + "@example.com", "role", "MEMBER");

        var first = api.post("/api/v1/invitations", body, "Idempotency-Key", key);
        var retry = api.post("/api/v1/invitations", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().at("/invitation/id")).isEqualTo(first.json().at("/invitation/id"));
        assertThat(api.get("/api/v1/invitations").json().get("data").size()).isEqualTo(1);

        var other = api.post(
                "/api/v1/invitations",
                Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "role", "VIEWER"),
                "Idempotency-Key",
                key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("code").asString()).isEqualTo("idempotency_key_reused");
        assertThat(api.get("/api/v1/invitations").json().get("data").size()).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirCallerAndWorkspace() {
        String key = "shared-key-" + UUID.randomUUID();
        var alice = new Api(port);
        alice.signUpFresh("Alice's");
        var bob = new Api(port);
        bob.signUpFresh("Bob's");
        var body = Map.of("name", "Same name");
        assertThat(alice.post("/api/v1/workspaces", body, "Idempotency-Key", key)
                        .status())
                .isEqualTo(201);
        var bobs = bob.post("/api/v1/workspaces", body, "Idempotency-Key", key);
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aBadKeyIsRefused() {
        var api = new Api(port);
        api.signUpFresh("Bad key");
        var refused = api.post("/api/v1/workspaces", Map.of("name", "X"), "Idempotency-Key", "k".repeat(300));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_idempotency_key");
        assertThat(api.get("/api/v1/me").json().get("workspaces").size()).isEqualTo(1);
    }
}
