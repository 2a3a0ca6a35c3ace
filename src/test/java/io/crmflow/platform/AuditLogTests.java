package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Changes and security events leave audit rows with who, what, before/after, from where and which request. */
@IntegrationTest
class AuditLogTests {

    @LocalServerPort
    int port;

    @Test
    void aRoleChangeIsAuditedWithBeforeAfterAndRequestFacts() {
        var owner = new Api(port);
        owner.signUpFresh("Audited");
        String email = "audited-" + UUID.randomUUID() + "@example.com";
        var invitation = owner.post("/api/v1/invitations", Map.of("email", email, "role", "MEMBER"))
                .json();
        var member = new Api(port);
        member.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", "M", "workspaceName", "M"));
        member.post(
                "/api/v1/invitations/accept",
                Map.of("token", invitation.get("token").asString()));
        String memberId = member.get("/api/v1/me").json().at("/user/id").asString();

        var change = owner.send(owner.request("/api/v1/auth/csrf").GET());
        String token = change.json().get("token").asString();
        owner.send(owner.request("/api/v1/members/" + memberId)
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token)
                .header("X-Request-Id", "req-role-change-1")
                .header("User-Agent", "AuditTest/1.0")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"role\":\"VIEWER\"}")));

        JsonNode event = owner.get("/api/v1/audit-events?action=membership.role_changed")
                .json()
                .get("data")
                .get(0);
        assertThat(event.get("entityType").asString()).isEqualTo("membership");
        assertThat(event.get("entityId").asString()).isEqualTo(memberId);
        assertThat(event.at("/changes/role/before").asString()).isEqualTo("MEMBER");
        assertThat(event.at("/changes/role/after").asString()).isEqualTo("VIEWER");
        assertThat(event.get("requestId").asString()).isEqualTo("req-role-change-1");
        assertThat(event.get("userAgent").asString()).isEqualTo("AuditTest/1.0");
        assertThat(event.get("ip").asString()).isNotBlank();
        assertThat(event.get("actorEmail").asString()).startsWith("user-");
    }

    @Test
    void signInSuccessAndFailureAreAudited() {
        var owner = new Api(port);
        String email = owner.signUpFresh("Sign-ins");
        new Api(port).signIn(email, "definitely wrong password");
        new Api(port).signIn(email, Users.PASSWORD);

        var actions = owner.get("/api/v1/audit-events?entityType=user")
                .json()
                .get("data")
                .valueStream()
                .map(e -> e.get("action").asString())
                .toList();
        assertThat(actions).contains("auth.sign_in_failed", "auth.signed_in", "user.signed_up");
    }

    @Test
    void theAuditListIsKeysetPaginatedNewestFirst() {
        var owner = new Api(port);
        owner.signUpFresh("Paging");
        for (int i = 0; i < 3; i++) {
            owner.post(
                    "/api/v1/invitations",
                    Map.of("email", "p" + i + "-" + UUID.randomUUID() + "@example.com", "role", "VIEWER"));
        }
        var first = owner.get("/api/v1/audit-events?limit=2").json();
        assertThat(first.get("data").size()).isEqualTo(2);
        String cursor = first.get("nextCursor").asString();
        var second = owner.get("/api/v1/audit-events?limit=2&cursor=" + cursor).json();
        assertThat(second.get("data").size()).isEqualTo(2);
        assertThat(first.get("data").get(1).get("occurredAt").asString())
                .isGreaterThanOrEqualTo(
                        second.get("data").get(0).get("occurredAt").asString());
        assertThat(second.get("data").get(0).get("id"))
                .isNotEqualTo(first.get("data").get(1).get("id"));

        var all = owner.get("/api/v1/audit-events?limit=200").json();
        assertThat(all.get("data").size()).isEqualTo(5 + 1); // workspace, membership, sign-up, 3 invitations
        assertThat(all.get("nextCursor").isNull()).isTrue();
    }
}
