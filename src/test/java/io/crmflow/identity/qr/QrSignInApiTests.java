package io.crmflow.identity.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every refusal of the QR handshake, over HTTP: replay, expiry, second scans, foreign approvals, stolen ids. */
@IntegrationTest
class QrSignInApiTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Autowired
    QrRateLimiter rateLimiter;

    Api desktop;
    Api phone;
    String phoneEmail;

    @BeforeEach
    void desktopAndPhone() {
        desktop = new Api(port);
        phone = new Api(port);
        phoneEmail = phone.signUpFresh("Qr works");
    }

    record Qr(String id, String token) {}

    Qr createOn(Api client) {
        var created = client.post("/api/v1/auth/qr-sessions", Map.of());
        assertThat(created.status()).isEqualTo(201);
        String url = created.json().get("qrUrl").asString();
        return new Qr(created.json().get("id").asString(), url.substring(url.lastIndexOf('/') + 1));
    }

    int matchNumberOf(Qr qr) {
        return Sql.asOwner(owner, c -> {
            var statement = c.prepareStatement("select match_number from qr_sessions where id = ?::uuid");
            statement.setString(1, qr.id());
            var result = statement.executeQuery();
            result.next();
            return result.getInt(1);
        });
    }

    @Test
    void theWholeHandshakeSignsTheDesktopIn() {
        var created = desktop.post("/api/v1/auth/qr-sessions", Map.of());
        String setCookie = created.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CRMFLOW_QR="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/qr-sessions");
        assertThat(created.json().get("qrSvg").asString()).startsWith("<svg");
        String url = created.json().get("qrUrl").asString();
        var qr = new Qr(created.json().get("id").asString(), url.substring(url.lastIndexOf('/') + 1));
        assertThat(setCookie).doesNotContain(qr.token());

        JsonNode request = phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of())
                .json();
        assertThat(request.get("choices").size()).isEqualTo(3);
        assertThat(request.get("ip").asString()).isNotBlank();
        int match = matchNumberOf(qr);
        assertThat(request.get("choices").valueStream().map(JsonNode::asInt)).contains(match);

        assertThat(desktop.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("qr_not_approved");
        var approved = phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", match));
        assertThat(approved.status()).isEqualTo(200);

        var completed = desktop.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of());
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().at("/user/email").asString()).isEqualTo(phoneEmail);
        assertThat(desktop.get("/api/v1/me").json().at("/user/email").asString())
                .isEqualTo(phoneEmail);

        // replay: neither the phone nor the desktop can use it again
        assertThat(phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", match))
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("qr_used");
        assertThat(new Api(port)
                        .post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(desktop.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .status())
                .isIn(404, 409);

        // audited, and listed among the phone user's sessions, revocable from the phone
        var actions = phone.get("/api/v1/audit-events?action=auth.signed_in_qr")
                .json()
                .get("data");
        assertThat(actions.size()).isEqualTo(1);
        var sessions = phone.get("/api/v1/me/sessions").json().get("data");
        var qrSession = sessions.valueStream()
                .filter(s -> s.get("method").asString().equals("qr"))
                .findFirst()
                .orElseThrow();
        assertThat(phone.delete("/api/v1/me/sessions/" + qrSession.get("id").asString())
                        .status())
                .isEqualTo(204);
        assertThat(desktop.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void onlyTheDesktopHoldingTheSecretCanCompleteOrListen() {
        Qr qr = createOn(desktop);
        phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of());
        phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", matchNumberOf(qr)));

        var attacker = new Api(port);
        assertThat(attacker.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .status())
                .isEqualTo(404);
        var events = attacker.send(attacker.request("/api/v1/auth/qr-sessions/" + qr.id() + "/events")
                .header("Accept", "text/event-stream")
                .GET());
        assertThat(events.status()).isEqualTo(404);
        var foreign = desktop.send(desktop.request("/api/v1/auth/qr-sessions/" + qr.id() + "/complete")
                .header("Origin", "https://evil.example")
                .header("X-XSRF-TOKEN", desktop.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("code").asString()).isEqualTo("origin_refused");
        // the genuine desktop still can
        assertThat(desktop.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSecondScanAndAnotherUsersApprovalAreRefused() {
        Qr qr = createOn(desktop);
        assertThat(phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of())
                        .status())
                .isEqualTo(200); // same phone may reopen

        var intruder = new Api(port);
        intruder.signUpFresh("Intruder");
        var secondScan = intruder.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of());
        assertThat(secondScan.status()).isEqualTo(409);
        assertThat(secondScan.json().get("code").asString()).isEqualTo("qr_already_scanned");
        var foreignApproval = intruder.post(
                "/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", matchNumberOf(qr)));
        assertThat(foreignApproval.status()).isEqualTo(409);
        assertThat(new Api(port)
                        .post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aWrongNumberBurnsTheCode() {
        Qr qr = createOn(desktop);
        phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of());
        int match = matchNumberOf(qr);
        var wrong = phone.post(
                "/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", match == 99 ? 98 : match + 1));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json().get("code").asString()).isEqualTo("qr_wrong_number");
        var right = phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", match));
        assertThat(right.json().get("code").asString()).isEqualTo("qr_denied");
        assertThat(desktop.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("qr_not_approved");
    }

    @Test
    void expiredAndUnknownCodesAreRefused() {
        Qr qr = createOn(desktop);
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "update qr_sessions set expires_at = now() - interval '1 second' where id = ?::uuid",
                        qr.id()));
        var expired = phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of());
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().get("code").asString()).isEqualTo("qr_expired");
        var unknown = phone.post("/api/v1/auth/qr-sessions/" + UUID.randomUUID() + "/scan", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("qr_not_found");
    }

    @Test
    void theWorkspaceIsChosenOnThePhoneAndAdminsCanTurnQrSignInOff() {
        var second = phone.post("/api/v1/workspaces", Map.of("name", "Second")).json();
        Qr qr = createOn(desktop);
        phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/scan", Map.of());
        int match = matchNumberOf(qr);
        var unchosen = phone.post("/api/v1/auth/qr-sessions/" + qr.token() + "/approve", Map.of("choice", match));
        assertThat(unchosen.status()).isEqualTo(400);
        var foreign = phone.post(
                "/api/v1/auth/qr-sessions/" + qr.token() + "/approve",
                Map.of("choice", match, "workspaceId", UUID.randomUUID()));
        assertThat(foreign.status()).isEqualTo(404);

        phone.put("/api/v1/me/workspace", Map.of("workspaceId", second.get("id").asString()));
        assertThat(phone.put("/api/v1/workspace/qr-sign-in", Map.of("enabled", false))
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        var disabled = phone.post(
                "/api/v1/auth/qr-sessions/" + qr.token() + "/approve",
                Map.of("choice", match, "workspaceId", second.get("id").asString()));
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.json().get("code").asString()).isEqualTo("qr_disabled");

        assertThat(phone.post(
                                "/api/v1/auth/qr-sessions/" + qr.token() + "/approve",
                                Map.of(
                                        "choice",
                                        match,
                                        "workspaceId",
                                        second.get("id").asString()))
                        .status())
                .isEqualTo(403);
        phone.put("/api/v1/workspace/qr-sign-in", Map.of("enabled", true));
        assertThat(phone.post(
                                "/api/v1/auth/qr-sessions/" + qr.token() + "/approve",
                                Map.of(
                                        "choice",
                                        match,
                                        "workspaceId",
                                        second.get("id").asString()))
                        .status())
                .isEqualTo(200);
        assertThat(desktop.post("/api/v1/auth/qr-sessions/" + qr.id() + "/complete", Map.of())
                        .json()
                        .at("/workspace/name")
                        .asString())
                .isEqualTo("Second");
    }

    @Test
    void qrCreationIsRateLimitedPerClient() {
        rateLimiter.forgetAll();
        try {
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 11; i++) {
                statuses.add(desktop.post("/api/v1/auth/qr-sessions", Map.of()).status());
            }
            assertThat(statuses.subList(0, 10)).containsOnly(201);
            var refused = desktop.post("/api/v1/auth/qr-sessions", Map.of());
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asString()).isEqualTo("qr_rate_limited");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        } finally {
            rateLimiter.forgetAll();
        }
    }
}
