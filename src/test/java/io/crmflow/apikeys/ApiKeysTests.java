package io.crmflow.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.shared.Tokens;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** API keys over real HTTP: created once, stored hashed, scoped, revocable at once, confined to their workspace. */
@IntegrationTest
class ApiKeysTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    Api admin;
    UUID adminId;

    @BeforeEach
    void workspaceWithOwner() {
        admin = new Api(port);
        admin.signUpFresh("Keys");
        adminId = UUID.fromString(admin.get("/api/v1/me").json().at("/user/id").asString());
    }

    /** Creates a key through the owner's session; returns the whole 201 answer. */
    Api.Response create(Api by, String name, List<String> scopes) {
        return by.post("/api/v1/api-keys", Map.of("name", name, "scopes", scopes));
    }

    String key(List<String> scopes) {
        var created = create(admin, "key " + scopes, scopes);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("key").asString();
    }

    /** A request with the key alone: no cookie, no CSRF token. */
    Api.Response call(String key, String method, String path, Object body) {
        var request = new Api(port)
                .request(path)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return new Api(port).send(request);
    }

    Api.Response get(String key, String path) {
        return call(key, "GET", path, null);
    }

    Api join(Api workspaceOwner, String role) {
        String email = "member-" + UUID.randomUUID() + "@example.com";
        var invitation = workspaceOwner.post("/api/v1/invitations", Map.of("email", email, "role", role));
        var member = new Api(port);
        member.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", role + " person", "workspaceName", "Own"));
        member.post(
                "/api/v1/invitations/accept",
                Map.of("token", invitation.json().get("token").asString()));
        return member;
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    @Test
    void secretIsShownOnceAndOnlyItsHashIsStored() {
        var created = create(admin, "CI export", List.of("read", "members:read"));
        assertThat(created.status()).isEqualTo(201);
        var body = created.json();
        String secret = body.get("key").asString();
        assertThat(secret).matches("crm_[0-9A-Za-z]{43}");
        assertThat(body.get("prefix").asString()).isEqualTo(secret.substring(4, 12));
        assertThat(body.get("name").asString()).isEqualTo("CI export");
        assertThat(body.get("scopes").valueStream().map(s -> s.asString())).containsExactly("read", "members:read");

        var list = admin.get("/api/v1/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body()).doesNotContain(secret).doesNotContain(secret.substring(12));
        var row = list.json().get("data").get(0);
        assertThat(row.get("id").asString()).isEqualTo(body.get("id").asString());
        assertThat(row.has("key")).isFalse();
        assertThat(row.get("createdBy").asString()).isEqualTo(adminId.toString());
        assertThat(row.get("lastUsedAt").isNull()).isTrue();
        assertThat(list.json().has("nextCursor")).isTrue();

        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from api_keys where id = ? and key_hash = ?",
                        id,
                        Tokens.sha256(secret)))
                .isOne();
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from api_keys k where k::text like ?",
                        "%" + secret.substring(12) + "%"))
                .as("the secret itself is nowhere in the row")
                .isZero();
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from api_key_lookup where key_id = ? and key_hash = ?",
                        id,
                        Tokens.sha256(secret)))
                .isOne();
        // and the creation is audited
        assertThat(admin.get("/api/v1/audit-events?action=api_key.created&entityId=" + id)
                        .json()
                        .get("data")
                        .size())
                .isOne();
    }

    @Test
    void bearerKeyAuthenticatesWithoutCsrfOrCookieAndAuditRowsNameTheKey() {
        var created = create(admin, "Integration", List.of("admin"));
        String key = created.json().get("key").asString();
        String keyId = created.json().get("id").asString();

        assertThat(get(key, "/api/v1/members").status()).isEqualTo(200);
        var invited = call(
                key,
                "POST",
                "/api/v1/invitations",
                Map.of("email", "by-key-" + UUID.randomUUID() + "@example.com", "role", "MEMBER"));
        assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
        assertThat(invited.header("Set-Cookie"))
                .as("no session for key requests")
                .isNull();

        var audit = admin.get("/api/v1/audit-events?action=invitation.created")
                .json()
                .get("data")
                .get(0);
        assertThat(audit.get("actorId").asString()).isEqualTo(adminId.toString());
        assertThat(audit.get("actorLabel").asString()).isEqualTo("api_key:" + keyId);

        var listed = admin.get("/api/v1/api-keys").json().get("data").get(0);
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();
        assertThat(listed.get("lastUsedIp").asString()).isNotBlank();
    }

    @Test
    void scopesAreEnforcedAcrossEndpoints() {
        String read = key(List.of("read"));
        assertThat(get(read, "/api/v1/members").status()).isEqualTo(200);
        assertThat(get(read, "/api/v1/workspace").status()).isEqualTo(200);
        assertProblem(
                call(read, "PATCH", "/api/v1/members/" + adminId, Map.of("role", "VIEWER")), 403, "insufficient_scope");
        assertProblem(call(read, "PATCH", "/api/v1/workspace", Map.of("name", "Hijacked")), 403, "insufficient_scope");
        assertProblem(
                call(read, "POST", "/api/v1/api-keys", Map.of("name", "more", "scopes", List.of("admin"))),
                403,
                "insufficient_scope");
        String write = key(List.of("write"));
        assertProblem(
                call(write, "POST", "/api/v1/invitations", Map.of("email", "x@example.com", "role", "MEMBER")),
                403,
                "insufficient_scope");

        String members = key(List.of("members:read"));
        assertThat(get(members, "/api/v1/members").status()).isEqualTo(200);
        assertProblem(get(members, "/api/v1/audit-events"), 403, "insufficient_scope");
        assertProblem(get(members, "/api/v1/api-keys"), 403, "insufficient_scope");

        String all = key(List.of("admin", "read", "write"));
        for (String path : List.of(
                "/api/v1/me", "/api/v1/me/sessions", "/api/v1/me/two-factor", "/api/v1/workspaces", "/api/v1/%6De")) {
            assertProblem(get(all, path), 403, "insufficient_scope");
        }
        assertProblem(call(all, "POST", "/api/v1/auth/signout", Map.of()), 403, "insufficient_scope");
        assertProblem(
                call(all, "PUT", "/api/v1/me/workspace", Map.of("workspaceId", UUID.randomUUID())),
                403,
                "insufficient_scope");
        assertThat(admin.get("/api/v1/workspace").json().get("name").asString()).isEqualTo("Keys");
    }

    @Test
    void revocationTakesEffectOnTheVeryNextRequest() {
        var created = create(admin, "Soon gone", List.of("read"));
        String key = created.json().get("key").asString();
        String id = created.json().get("id").asString();
        assertThat(get(key, "/api/v1/members").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);

        assertProblem(get(key, "/api/v1/members"), 401, "invalid_api_key");
        assertThat(admin.get("/api/v1/api-keys").raw().body()).doesNotContain(id);
        assertThat(admin.delete("/api/v1/api-keys/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/audit-events?action=api_key.revoked&entityId=" + id)
                        .json()
                        .get("data")
                        .size())
                .isOne();
    }

    @Test
    void expiredKeysAreRefusedAndExpiryMustBeInTheFuture() {
        var created = admin.post(
                "/api/v1/api-keys",
                Map.of(
                        "name",
                        "Short-lived",
                        "scopes",
                        List.of("read"),
                        "expiresAt",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(get(key, "/api/v1/members").status()).isEqualTo(200);
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "update api_keys set expires_at = now() - interval '1 second' where id = ?",
                        UUID.fromString(created.json().get("id").asString())));
        assertProblem(get(key, "/api/v1/members"), 401, "invalid_api_key");

        var past = admin.post(
                "/api/v1/api-keys",
                Map.of("name", "Past", "scopes", List.of("read"), "expiresAt", "2020-01-01T00:00:00Z"));
        assertProblem(past, 400, "validation_failed");
        assertThat(past.json().at("/errors/0/field").asString()).isEqualTo("expiresAt");
        assertProblem(create(admin, "Bad", List.of("root")), 400, "validation_failed");
        assertProblem(create(admin, "Bad", List.of("api-keys:write")), 400, "validation_failed");
        assertProblem(create(admin, "", List.of("read")), 400, "validation_failed");
    }

    @Test
    void aKeyOfOneWorkspaceSeesNothingOfAnother() {
        String keyA = key(List.of("admin", "read", "write"));
        var bob = new Api(port);
        bob.signUpFresh("Other");
        String bobId = bob.get("/api/v1/me").json().at("/user/id").asString();
        String bobKeyId = create(bob, "B's", List.of("read")).json().get("id").asString();
        String bobInvitation = bob.post(
                        "/api/v1/invitations",
                        Map.of("email", "b-" + UUID.randomUUID() + "@example.com", "role", "VIEWER"))
                .json()
                .at("/invitation/id")
                .asString();

        assertThat(get(keyA, "/api/v1/members").raw().body()).doesNotContain(bobId);
        assertThat(get(keyA, "/api/v1/api-keys").raw().body()).doesNotContain(bobKeyId);
        assertThat(get(keyA, "/api/v1/audit-events?limit=200").raw().body()).doesNotContain(bobId);
        assertProblem(call(keyA, "PATCH", "/api/v1/members/" + bobId, Map.of("role", "VIEWER")), 404, "not_found");
        assertProblem(call(keyA, "DELETE", "/api/v1/api-keys/" + bobKeyId, null), 404, "not_found");
        assertProblem(call(keyA, "DELETE", "/api/v1/invitations/" + bobInvitation, null), 404, "not_found");
        assertThat(bob.get("/api/v1/api-keys").raw().body()).contains(bobKeyId);
    }

    @Test
    void malformedOrUnknownAuthorizationIs401AndNeverFallsBackToTheSession() {
        String unknown = "crm_" + "A".repeat(43);
        for (String header : List.of(
                "Basic dXNlcjpwYXNz",
                "Bearer",
                "Bearer ",
                "Bearer crm_short",
                "Bearer " + unknown,
                "crm_x",
                "Token x")) {
            // sent by the signed-in owner, session cookie and all
            var response = admin.send(admin.request("/api/v1/members")
                    .header("Authorization", header)
                    .GET());
            assertProblem(response, 401, "invalid_api_key");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        // an encoded path is still an API path: no session behind a bad key there either
        assertProblem(
                admin.send(admin.request("/%61pi/v1/members")
                        .header("Authorization", "Bearer " + unknown)
                        .GET()),
                401,
                "invalid_api_key");
        String valid = key(List.of("read"));
        var twoHeaders = new Api(port)
                .send(new Api(port)
                        .request("/api/v1/members")
                        .header("Authorization", "Bearer " + valid)
                        .header("Authorization", "Bearer " + unknown)
                        .GET());
        assertProblem(twoHeaders, 401, "invalid_api_key");
        // and a state-changing request with a bad key and the owner's CSRF token still does nothing
        var sneaky = admin.send(admin.request("/api/v1/workspace")
                .header("Authorization", "Bearer " + unknown)
                .header("Content-Type", "application/json")
                .header(
                        "X-XSRF-TOKEN",
                        admin.get("/api/v1/auth/csrf").json().get("token").asString())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Changed\"}")));
        assertProblem(sneaky, 401, "invalid_api_key");
        assertThat(admin.get("/api/v1/workspace").json().get("name").asString()).isEqualTo("Keys");
    }

    @Test
    void viewersAndMembersCannotCreateOrListKeys() {
        for (String role : List.of("VIEWER", "MEMBER")) {
            Api person = join(admin, role);
            assertProblem(create(person, "Mine", List.of("read")), 403, "forbidden");
            assertProblem(person.get("/api/v1/api-keys"), 403, "forbidden");
        }
    }

    @Test
    void aKeyNeverDoesMoreThanItsCreatorMayNow() {
        Api other = join(admin, "ADMIN");
        String otherId = other.get("/api/v1/me").json().at("/user/id").asString();
        String key =
                create(other, "Admin's", List.of("admin")).json().get("key").asString();
        assertThat(get(key, "/api/v1/audit-events").status()).isEqualTo(200);

        admin.patch("/api/v1/members/" + otherId, Map.of("role", "VIEWER"));
        assertProblem(get(key, "/api/v1/audit-events"), 403, "forbidden");
        assertThat(get(key, "/api/v1/members").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/members/" + otherId).status()).isEqualTo(204);
        assertProblem(get(key, "/api/v1/members"), 401, "invalid_api_key");
    }

    @Test
    void settingsPageCreatesShowsTheSecretOnceAndRevokes() {
        var page = admin.get("/settings/api-keys");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("data-testid=\"nav-api-keys\"").doesNotContain("api-key-secret");

        Map<String, String> form = new HashMap<>();
        form.put("name", "From the page");
        form.put("scopes", "read");
        form.put("extraScopes", "members:read audit:read");
        var created = admin.postForm("/settings/api-keys", form);
        assertThat(created.status()).isEqualTo(200);
        var secret = java.util.regex.Pattern.compile("data-testid=\"api-key-secret\">(crm_[0-9A-Za-z]{43})<")
                .matcher(created.raw().body());
        assertThat(secret.find()).isTrue();
        assertThat(get(secret.group(1), "/api/v1/members").status()).isEqualTo(200);
        assertThat(admin.get("/settings/api-keys").raw().body())
                .contains("From the page")
                .doesNotContain(secret.group(1));

        String id = admin.get("/api/v1/api-keys").json().at("/data/0/id").asString();
        var revoked = admin.postForm("/settings/api-keys/" + id + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertProblem(get(secret.group(1), "/api/v1/members"), 401, "invalid_api_key");

        Api viewer = join(admin, "VIEWER");
        assertThat(viewer.get("/").raw().body()).doesNotContain("nav-api-keys");
        assertThat(viewer.send(viewer.request("/settings/api-keys")
                                .header("Accept", "text/html")
                                .GET())
                        .status())
                .isEqualTo(403);
    }
}
