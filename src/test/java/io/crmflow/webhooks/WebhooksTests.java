package io.crmflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks over real HTTP to a local receiver: signed, retried, logged, redeliverable, rotatable, admin-only. */
@IntegrationTest
class WebhooksTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    Api admin;
    String adminEmail;
    final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void workspaceWithOwner() {
        admin = new Api(port);
        adminEmail = admin.signUpFresh("Hooks");
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    Receiver receiver(int failFirst) throws Exception {
        var receiver = new Receiver(failFirst);
        receivers.add(receiver);
        return receiver;
    }

    JsonNode register(Receiver receiver, List<String> events) {
        var created = admin.post("/api/v1/webhooks", Map.of("url", receiver.url(), "events", events));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json();
    }

    Api join(String role) {
        String email = "member-" + UUID.randomUUID() + "@example.com";
        var invitation = admin.post("/api/v1/invitations", Map.of("email", email, "role", role));
        var member = new Api(port);
        member.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", role + " person", "workspaceName", "Own"));
        member.post(
                "/api/v1/invitations/accept",
                Map.of("token", invitation.json().get("token").asString()));
        return member;
    }

    static List<Receiver.Received> awaitRequests(Receiver receiver, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests.size() >= count);
        return receiver.requests;
    }

    JsonNode awaitDelivery(String webhookId, Predicate<JsonNode> done) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> admin.get("/api/v1/webhooks/" + webhookId + "/deliveries")
                                .json()
                                .get("data"),
                        data -> data.valueStream().anyMatch(done));
    }

    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** The v1 signatures of a header, after checking that each is an HMAC of "t.body" with one of the secrets. */
    static List<String> verify(Receiver.Received request, String... secrets) throws Exception {
        String t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : request.signature().split(",")) {
            if (part.startsWith("t=")) t = part.substring(2);
            if (part.startsWith("v1=")) v1.add(part.substring(3));
        }
        assertThat(t).isNotNull();
        List<String> expected = new ArrayList<>();
        for (String secret : secrets) expected.add(hmac(secret, t + "." + request.body()));
        assertThat(v1).containsExactlyInAnyOrderElementsOf(expected);
        return v1;
    }

    @Test
    void deliversContactAndCompanyEventsWithTheRecord() throws Exception {
        var receiver = receiver(0);
        register(receiver, List.of("contact.created", "contact.updated", "contact.deleted", "company.created"));
        String company = admin.post("/api/v1/companies", Map.of("name", "Hooked Inc"))
                .json()
                .get("id")
                .asString();
        String contact = admin.post("/api/v1/contacts", Map.of("firstName", "Hook", "companyId", company))
                .json()
                .get("id")
                .asString();
        admin.patch("/api/v1/contacts/" + contact, Map.of("jobTitle", "Catcher"));
        admin.delete("/api/v1/contacts/" + contact);

        var requests = awaitRequests(receiver, 4);
        var seen = new HashMap<String, JsonNode>();
        for (var request : requests) {
            JsonNode body = JSON.readTree(request.body());
            seen.put(body.get("type").asString(), body.get("data"));
        }
        assertThat(seen.keySet())
                .containsExactlyInAnyOrder("company.created", "contact.created", "contact.updated", "contact.deleted");
        assertThat(seen.get("company.created").get("name").asString()).isEqualTo("Hooked Inc");
        assertThat(seen.get("contact.created").get("companyId").asString()).isEqualTo(company);
        assertThat(seen.get("contact.updated").get("jobTitle").asString()).isEqualTo("Catcher");
        assertThat(seen.get("contact.deleted").get("id").asString()).isEqualTo(contact);
    }

    @Test
    void deliversMemberEventsSignedWithTheEndpointSecret() throws Exception {
        var receiver = receiver(0);
        var webhook = register(receiver, List.of("member.created", "invitation.created"));
        String secret = webhook.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(webhook.get("events").valueStream().map(JsonNode::asString))
                .containsExactly("member.created", "invitation.created");
        String workspaceId = admin.get("/api/v1/me").json().at("/workspace/id").asString();

        join("MEMBER");

        var requests = awaitRequests(receiver, 2);
        List<String> types = new ArrayList<>();
        for (var request : requests) {
            verify(request, secret);
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("id").asString()).isEqualTo(request.eventId());
            assertThat(body.get("workspaceId").asString()).isEqualTo(workspaceId);
            assertThat(body.has("createdAt")).isTrue();
            types.add(body.get("type").asString());
            if (body.get("type").asString().equals("member.created")) {
                assertThat(body.at("/data/role").asString()).isEqualTo("MEMBER");
                assertThat(body.at("/data/email").asString()).startsWith("member-");
            }
        }
        assertThat(types).containsExactlyInAnyOrder("invitation.created", "member.created");
        var log = awaitDelivery(
                webhook.get("id").asString(), d -> d.get("status").asString().equals("SUCCEEDED"));
        var first = log.get(0);
        assertThat(first.get("responseCode").asInt()).isEqualTo(200);
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        assertThat(first.has("latencyMs")).isTrue();
        assertThat(admin.get("/api/v1/webhooks").raw().body()).doesNotContain(secret);
    }

    @Test
    void roleChangeAndRemovalAreDeliveredAsMemberUpdatedAndDeleted() throws Exception {
        var receiver = receiver(0);
        register(receiver, List.of("member.updated", "member.deleted"));
        var member = join("VIEWER");
        String memberId = member.get("/api/v1/me").json().at("/user/id").asString();

        assertThat(admin.patch("/api/v1/members/" + memberId, Map.of("role", "ADMIN"))
                        .status())
                .isEqualTo(200);
        assertThat(admin.delete("/api/v1/members/" + memberId).status()).isEqualTo(204);

        var requests = awaitRequests(receiver, 2);
        Map<String, JsonNode> byType = new HashMap<>();
        for (var request : requests) {
            JsonNode body = JSON.readTree(request.body());
            byType.put(body.get("type").asString(), body);
        }
        assertThat(byType).containsOnlyKeys("member.updated", "member.deleted");
        assertThat(byType.get("member.updated").at("/data/role").asString()).isEqualTo("ADMIN");
        assertThat(byType.get("member.updated").at("/data/previousRole").asString())
                .isEqualTo("VIEWER");
        assertThat(byType.get("member.deleted").at("/data/userId").asString()).isEqualTo(memberId);
    }

    @Test
    void receiverFailingThreeTimesEndsWithExactlyOneSuccessfulDelivery() throws Exception {
        var receiver = receiver(3);
        String id = register(receiver, List.of("member.updated")).get("id").asString();

        var test = admin.post("/api/v1/webhooks/" + id + "/test", Map.of());
        assertThat(test.status()).as(test.raw().body()).isEqualTo(202);

        var log = awaitDelivery(id, d -> d.get("status").asString().equals("SUCCEEDED"));
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(4);
        assertThat(log.get(0).get("eventType").asString()).isEqualTo("webhook.test");
        var requests = awaitRequests(receiver, 4);
        assertThat(requests).hasSize(4);
        assertThat(requests.stream().map(Receiver.Received::eventId).distinct()).hasSize(1);
    }

    @Test
    void redeliverySendsTheSameEventAgain() throws Exception {
        var receiver = receiver(0);
        String id = register(receiver, List.of("member.deleted")).get("id").asString();
        String deliveryId = admin.post("/api/v1/webhooks/" + id + "/test", Map.of())
                .json()
                .get("id")
                .asString();
        awaitRequests(receiver, 1);
        awaitDelivery(id, d -> d.get("status").asString().equals("SUCCEEDED"));

        var again = admin.post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", Map.of());
        assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
        assertThat(again.json().get("id").asString()).isNotEqualTo(deliveryId);

        var requests = awaitRequests(receiver, 2);
        assertThat(requests.get(0).eventId()).isEqualTo(requests.get(1).eventId());
        assertThat(JSON.readTree(requests.get(1).body()).get("type").asString()).isEqualTo("webhook.test");
        var missing =
                admin.post("/api/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver", Map.of());
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheOverlap() throws Exception {
        var receiver = receiver(0);
        var webhook = register(receiver, List.of("member.created"));
        String id = webhook.get("id").asString();
        String old = webhook.get("secret").asString();

        var rotated = admin.post("/api/v1/webhooks/" + id + "/rotate-secret", Map.of());
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        String fresh = rotated.json().get("secret").asString();
        assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
        assertThat(admin.get("/api/v1/webhooks/" + id).json().has("previousSecretValidUntil"))
                .isTrue();

        admin.post("/api/v1/webhooks/" + id + "/test", Map.of());
        var request = awaitRequests(receiver, 1).getFirst();
        assertThat(verify(request, fresh, old)).hasSize(2);
    }

    @Test
    void endpointIsDisabledAfterPersistentFailureAndAdminsAreMailed() throws Exception {
        var receiver = receiver(Integer.MAX_VALUE);
        String id = register(receiver, List.of("member.created")).get("id").asString();
        for (int i = 0; i < 2; i++) {
            admin.post("/api/v1/webhooks/" + id + "/test", Map.of());
            int finished = i + 1;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> admin.get("/api/v1/webhooks/" + id + "/deliveries")
                                    .json()
                                    .get("data")
                                    .valueStream()
                                    .filter(d -> d.get("status").asString().equals("FAILED"))
                                    .count()
                            == finished);
        }
        var endpoint = admin.get("/api/v1/webhooks/" + id).json();
        assertThat(endpoint.get("enabled").asBoolean()).isFalse();
        assertThat(endpoint.get("disabledReason").asString()).contains("2 deliveries");
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from email_outbox where recipient = ? and kind = 'webhook-disabled'",
                        adminEmail))
                .isEqualTo(1);
        assertThat(receiver.requests).hasSize(10);
    }

    @Test
    void validatesUrlAndEvents() {
        var receiver = "http://127.0.0.1:9/hook";
        var ftp = admin.post(
                "/api/v1/webhooks", Map.of("url", "ftp://example.com/", "events", List.of("member.created")));
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.contentType()).startsWith("application/problem+json");
        var unknown = admin.post("/api/v1/webhooks", Map.of("url", receiver, "events", List.of("deal.won")));
        assertThat(unknown.status()).isEqualTo(400);
        var none = admin.post("/api/v1/webhooks", Map.of("url", receiver, "events", List.of()));
        assertThat(none.status()).isEqualTo(400);
    }

    @Test
    void patchAndDeleteChangeTheEndpoint() {
        String id = admin.post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("member.created")))
                .json()
                .get("id")
                .asString();
        var patched =
                admin.patch("/api/v1/webhooks/" + id, Map.of("enabled", false, "events", List.of("member.deleted")));
        assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
        assertThat(patched.json().get("enabled").asBoolean()).isFalse();
        assertThat(patched.json().get("url").asString()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(admin.get("/api/v1/webhooks")
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(id);
        assertThat(admin.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void anotherWorkspacesWebhookIsNotFoundAndMembersAreForbidden() {
        String id = admin.post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("member.created")))
                .json()
                .get("id")
                .asString();
        var stranger = new Api(port);
        stranger.signUpFresh("Elsewhere");
        assertThat(stranger.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(stranger.patch("/api/v1/webhooks/" + id, Map.of("enabled", false))
                        .status())
                .isEqualTo(404);
        assertThat(stranger.post("/api/v1/webhooks/" + id + "/test", Map.of()).status())
                .isEqualTo(404);
        assertThat(stranger.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);

        var member = join("MEMBER");
        assertThat(member.get("/api/v1/webhooks").status()).isEqualTo(403);
        assertThat(member.post(
                                "/api/v1/webhooks",
                                Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("member.created")))
                        .status())
                .isEqualTo(403);
        assertThat(member.get("/settings/webhooks").status()).isEqualTo(403);
    }

    @Test
    void settingsPageShowsTheSecretOnceAndTheEndpoints() {
        var page = admin.get("/settings/webhooks");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("data-testid=\"webhooks-page\"");
        assertThat(admin.get("/").raw().body()).contains("nav-webhooks");
        var created = admin.postForm(
                "/settings/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", "member.created"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.raw().body())
                .contains("data-testid=\"webhook-secret\"")
                .contains("whsec_");
        assertThat(admin.get("/settings/webhooks").raw().body())
                .contains("http://127.0.0.1:9/hook")
                .doesNotContain("whsec_");
    }
}
