package io.crmflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Sign-up, sign-in, sign-out, sessions and CSRF through real HTTP. */
@IntegrationTest
class SignInFlowTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void signUpCreatesUserAndWorkspaceWithTheUserAsOwner() {
        var api = new Api(port);
        String email = "Founder-" + UUID.randomUUID() + "@Example.com";
        var response = api.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", "Grace", "workspaceName", "Hopper & Co"));

        assertThat(response.status()).isEqualTo(201);
        var me = api.get("/api/v1/me").json();
        assertThat(me.at("/user/email").asString()).isEqualTo(email);
        assertThat(me.at("/workspace/name").asString()).isEqualTo("Hopper & Co");
        assertThat(me.at("/workspace/slug").asString()).startsWith("hopper-co");
        assertThat(me.get("role").asString()).isEqualTo("OWNER");
        assertThat(me.get("workspaces").size()).isEqualTo(1);
    }

    @Test
    void emailsAreUniqueRegardlessOfCase() {
        var api = new Api(port);
        String email = api.signUpFresh("First");
        var again = new Api(port)
                .post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email",
                                email.toUpperCase(),
                                "password",
                                Users.PASSWORD,
                                "name",
                                "X",
                                "workspaceName",
                                "Second"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("email_taken");
    }

    @Test
    void signInRotatesTheSessionIdAndSignOutEndsTheSession() {
        String email = new Api(port).signUpFresh("Rotation");
        var api = new Api(port);
        api.get("/api/v1/auth/csrf");
        api.post("/api/v1/auth/signin", Map.of("email", "nobody@example.com", "password", "x")); // creates a session
        String before = api.cookie("CRMFLOW_SESSION");

        var signedIn = api.signIn(email, Users.PASSWORD);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.json().at("/user/email").asString()).isEqualTo(email);
        String after = api.cookie("CRMFLOW_SESSION");
        assertThat(after).isNotNull().isNotEqualTo(before);
        String setCookie = signedIn.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CRMFLOW_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Max-Age");

        assertThat(api.post("/api/v1/auth/signout", Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void rememberMeMakesTheSessionCookieLastThirtyDays() {
        String email = new Api(port).signUpFresh("Remember");
        var api = new Api(port);
        var response =
                api.post("/api/v1/auth/signin", Map.of("email", email, "password", Users.PASSWORD, "rememberMe", true));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw().headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("CRMFLOW_SESSION=").contains("Max-Age=2592000"));
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        String email = new Api(port).signUpFresh("Secrets");
        var wrong = new Api(port).signIn(email, "not the password at all");
        var unknown = new Api(port).signIn("nobody-" + UUID.randomUUID() + "@example.com", "not the password at all");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().get("code").asString()).isEqualTo("invalid_credentials");
        assertThat(unknown.json().get("detail")).isEqualTo(wrong.json().get("detail"));
    }

    @Test
    void stateChangingRequestsWithoutCsrfTokenAreRefused() {
        var api = new Api(port);
        api.signUpFresh("Csrf");
        var request = api.request("/api/v1/workspaces")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Sneaky\"}"));
        var response = api.send(request);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("code").asString()).isEqualTo("csrf_invalid");
        var forged = api.send(api.request("/api/v1/workspaces")
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", "forged-token")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Sneaky\"}")));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/me").json().get("workspaces").size()).isEqualTo(1);
    }

    @Test
    void theRawCookieTokenIsAcceptedAsWellAsTheMaskedOne() {
        var api = new Api(port);
        api.signUpFresh("Cookie token");
        api.get("/api/v1/auth/csrf");
        var response = api.send(api.request("/api/v1/workspaces")
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", api.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Second\"}")));
        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void repeatedFailuresThrottleTheAccountWithGrowingDelays() {
        String email = new Api(port).signUpFresh("Throttle");
        var attacker = new Api(port);
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.signIn(email, "guess number " + i).status()).isEqualTo(401);
        }
        assertThat(attacker.signIn(email, "guess number 6").status()).isEqualTo(401); // sixth failure: delay starts
        var throttled = attacker.signIn(email, Users.PASSWORD); // even the right password waits
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("code").asString()).isEqualTo("sign_in_throttled");
        assertThat(throttled.json().get("detail").asString()).contains("Try again in");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 2);

        // the next failure doubles the delay
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "update sign_in_throttle set blocked_until = now() where throttle_key = ?",
                        "account:" + email.toLowerCase()));
        assertThat(attacker.signIn(email, "guess number 7").status()).isEqualTo(401);
        assertThat(Integer.parseInt(attacker.signIn(email, Users.PASSWORD).header("Retry-After")))
                .isBetween(3, 4);

        // once the delay has passed, the right password works and clears the counter
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "update sign_in_throttle set blocked_until = now() where throttle_key = ?",
                        "account:" + email.toLowerCase()));
        assertThat(attacker.signIn(email, Users.PASSWORD).status()).isEqualTo(200);
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from sign_in_throttle where throttle_key = ?",
                        "account:" + email.toLowerCase()))
                .isZero();
    }

    @Test
    void anIpWithManyFailuresAcrossAccountsIsThrottled() {
        // the IP threshold is 1000 in tests; start this IP just under it
        Sql.asOwner(owner, c -> Sql.update(c, """
                insert into sign_in_throttle (throttle_key, failures, last_failure_at, blocked_until)
                values ('ip:127.0.0.1', 1000, now(), now())
                on conflict (throttle_key) do update set failures = 1000, last_failure_at = now(), blocked_until = now()
                """));
        try {
            String email = new Api(port).signUpFresh("Ip throttle");
            var api = new Api(port);
            assertThat(api.signIn("someone-" + UUID.randomUUID() + "@example.com", "wrong password")
                            .status())
                    .isEqualTo(401);
            assertThat(api.signIn(email, Users.PASSWORD).status()).isEqualTo(429);
        } finally {
            Sql.asOwner(owner, c -> Sql.update(c, "delete from sign_in_throttle where throttle_key = 'ip:127.0.0.1'"));
        }
    }

    @Test
    void badSignUpsAnswerProblemsAndChangeNothing() {
        long usersBefore = Sql.countAsOwner(owner, "select count(*) from users");
        var api = new Api(port);

        var invalid = api.post("/api/v1/auth/signup", Map.of("email", "not-an-email", "password", "short", "name", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(invalid.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("email", "password", "name", "workspaceName");

        var malformed = api.postRaw("/api/v1/auth/signup", "application/json", "{\"email\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("malformed_body");

        var wrongType = api.postRaw("/api/v1/auth/signup", "application/json", "{\"email\": [1,2], \"password\": {}}");
        assertThat(wrongType.status()).isEqualTo(400);

        var unknownField = api.postRaw("/api/v1/auth/signup", "application/json", "{\"isAdmin\": true}");
        assertThat(unknownField.status()).isEqualTo(400);

        var wrongContentType = api.postRaw("/api/v1/auth/signup", "text/plain", "hello");
        assertThat(wrongContentType.status()).isEqualTo(415);
        assertThat(wrongContentType.contentType()).startsWith("application/problem+json");

        var huge = api.postRaw(
                "/api/v1/auth/signup", "application/json", "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("code").asString()).isEqualTo("body_too_large");

        assertThat(Sql.countAsOwner(owner, "select count(*) from users")).isEqualTo(usersBefore);
    }

    @Test
    void unauthenticatedApiCallsGet401ProblemsAndPagesRedirectToSignIn() {
        var api = new Api(port);
        var me = api.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.json().get("code").asString()).isEqualTo("unauthenticated");
        var page = api.get("/members");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/signin");
    }
}
