package io.crmflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Oath;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
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

/**
 * TOTP two-factor sign-in through real HTTP on PostgreSQL, with codes made by oathtool (an independent
 * implementation), never by the code under test.
 */
@IntegrationTest
class TwoFactorTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @BeforeEach
    void oathtoolIsThere() {
        Oath.require();
    }

    /** A signed-up user who turned two-factor on (confirmed with the current step's code). */
    record Enrolled(Api api, String email, UUID userId, String secret, List<String> recoveryCodes) {}

    Enrolled enrolled() {
        var api = new Api(port);
        String email = api.signUpFresh("Two-factor");
        UUID userId =
                UUID.fromString(api.get("/api/v1/me").json().at("/user/id").asString());
        String secret =
                api.post("/api/v1/me/two-factor", Map.of()).json().get("secret").asString();
        var confirmed = api.post("/api/v1/me/two-factor/confirm", Map.of("code", Oath.totp(secret, 0)));
        assertThat(confirmed.status()).isEqualTo(200);
        List<String> codes = confirmed
                .json()
                .get("recoveryCodes")
                .valueStream()
                .map(c -> c.asString())
                .toList();
        return new Enrolled(api, email, userId, secret, codes);
    }

    Api.Response signIn(Api api, String email, String code) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", Users.PASSWORD));
        if (code != null) {
            body.put("code", code);
        }
        return api.post("/api/v1/auth/signin", body);
    }

    long audited(UUID userId, String action) {
        return Sql.countAsOwner(
                owner, "select count(*) from audit_events where actor_user_id = ? and action = ?", userId, action);
    }

    @Test
    void enrolConfirmAndSignInWithACodeFromARealAuthenticator() {
        var api = new Api(port);
        String email = api.signUpFresh("Enrol");
        UUID userId =
                UUID.fromString(api.get("/api/v1/me").json().at("/user/id").asString());
        assertThat(api.get("/api/v1/me/two-factor").json().get("enabled").asBoolean())
                .isFalse();

        var started = api.post("/api/v1/me/two-factor", Map.of());
        assertThat(started.status()).isEqualTo(200);
        String secret = started.json().get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}"); // 160 bits
        assertThat(started.json().get("otpauthUri").asString())
                .startsWith("otpauth://totp/CRMFlow:")
                .contains(email.substring(0, email.indexOf('@')))
                .contains("secret=" + secret)
                .endsWith("&issuer=CRMFlow");
        assertThat(started.json().get("qrSvg").asString()).startsWith("<svg").contains("<path");

        var confirmed = api.post("/api/v1/me/two-factor/confirm", Map.of("code", Oath.totp(secret, 0)));
        assertThat(confirmed.status()).isEqualTo(200);
        var codes = confirmed.json().get("recoveryCodes");
        assertThat(codes.size()).isEqualTo(10);
        assertThat(codes.valueStream().map(c -> c.asString()).distinct()).hasSize(10);

        var status = api.get("/api/v1/me/two-factor").json();
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(status.has("secret")).isFalse();
        assertThat(api.get("/api/v1/me").json().at("/user/twoFactorEnabled").asBoolean())
                .isTrue();
        assertThat(audited(userId, "user.two_factor_enabled")).isEqualTo(1);

        var signedIn = signIn(new Api(port), email, Oath.totp(secret, 1));
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.json().at("/user/email").asString()).isEqualTo(email);

        // the secret and recovery codes appear in no audit row
        String firstCode = codes.get(0).asString();
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from audit_events where changes::text like ? or changes::text like ?",
                        "%" + secret + "%",
                        "%" + firstCode + "%"))
                .isZero();
    }

    @Test
    void aMissingCodeAnswersTwoFactorRequiredAndOpensNoSession() {
        var user = enrolled();
        long sessionsBefore = sessionsOf(user.userId());
        var api = new Api(port);

        var response = signIn(api, user.email(), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("two_factor_required");
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(sessionsOf(user.userId())).isEqualTo(sessionsBefore);
    }

    @Test
    void aWrongCodeIsRefusedThrottledAndAudited() {
        var user = enrolled();
        var api = new Api(port);
        String wrong = notAnyCurrentCode(user.secret());

        var response = signIn(api, user.email(), wrong);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asString()).isEqualTo("invalid_two_factor_code");
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(Sql.countAsOwner(
                        owner,
                        "select failures from sign_in_throttle where throttle_key = ?",
                        "account:" + user.email().toLowerCase()))
                .isEqualTo(1);
        assertThat(audited(user.userId(), "auth.two_factor_failed")).isEqualTo(1);
    }

    @Test
    void theSameCodeWorksOnlyOnceAndOlderStepsAfterIt() {
        var user = enrolled(); // confirmed with the current step's code
        assertThat(signIn(new Api(port), user.email(), Oath.totp(user.secret(), 0))
                        .json()
                        .get("code")
                        .asString())
                .as("the code used to confirm cannot sign in")
                .isEqualTo("invalid_two_factor_code");

        String next = Oath.totp(user.secret(), 1);
        assertThat(signIn(new Api(port), user.email(), next).status()).isEqualTo(200);
        var reused = signIn(new Api(port), user.email(), next);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("code").asString()).isEqualTo("invalid_two_factor_code");
    }

    @Test
    void ofTwoConcurrentSignInsWithTheSameCodeOnlyOneSucceeds() throws Exception {
        var user = enrolled();
        String next = Oath.totp(user.secret(), 1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first =
                    pool.submit(() -> signIn(new Api(port), user.email(), next).status());
            var second =
                    pool.submit(() -> signIn(new Api(port), user.email(), next).status());
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(200, 401);
        }
    }

    @Test
    void codesOneStepEitherSideAreAcceptedButNotTwo() {
        // confirming with the previous step's code (a phone clock 30 s behind) works
        var api = new Api(port);
        api.signUpFresh("Clock skew");
        String secret =
                api.post("/api/v1/me/two-factor", Map.of()).json().get("secret").asString();
        var twoBehind = api.post("/api/v1/me/two-factor/confirm", Map.of("code", Oath.totp(secret, -2)));
        assertThat(twoBehind.status()).isEqualTo(400);
        assertThat(twoBehind.json().get("code").asString()).isEqualTo("validation_failed");
        var previous = Oath.totpAt(secret, java.time.Instant.now().minusSeconds(30));
        var oneBehind = api.post("/api/v1/me/two-factor/confirm", Map.of("code", previous));
        if (oneBehind.status() != 200) {
            // the 30-second step turned between computing the code and the server checking it: try once more
            oneBehind = api.post("/api/v1/me/two-factor/confirm", Map.of("code", Oath.totp(secret, -1)));
        }
        assertThat(oneBehind.status()).isEqualTo(200);

        // signing in with the next step's code (a phone clock 30 s ahead) works; three steps ahead does not
        var me = api.get("/api/v1/me").json();
        String email = me.at("/user/email").asString();
        assertThat(signIn(new Api(port), email, Oath.totp(secret, 3)).status()).isEqualTo(401);
        assertThat(signIn(new Api(port), email, Oath.totp(secret, 1)).status()).isEqualTo(200);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndIsAudited() {
        var user = enrolled();
        String recovery = user.recoveryCodes().get(3);

        assertThat(signIn(new Api(port), user.email(), recovery.toUpperCase()).status())
                .isEqualTo(200);
        assertThat(audited(user.userId(), "auth.recovery_code_used")).isEqualTo(1);
        assertThat(user.api()
                        .get("/api/v1/me/two-factor")
                        .json()
                        .get("recoveryCodesLeft")
                        .asInt())
                .isEqualTo(9);

        var again = signIn(new Api(port), user.email(), recovery);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("code").asString()).isEqualTo("invalid_two_factor_code");
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from user_recovery_codes where user_id = ? and length(code_hash) = 32",
                        user.userId()))
                .as("ten SHA-256 hashes, no plain codes")
                .isEqualTo(10);
    }

    @Test
    void turningItOffNeedsThePassword() {
        var user = enrolled();
        var wrong = user.api().delete("/api/v1/me/two-factor", Map.of("password", "not my password at all"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().at("/errors/0/field").asString()).isEqualTo("password");
        assertThat(user.api().get("/api/v1/me/two-factor").json().get("enabled").asBoolean())
                .isTrue();

        assertThat(user.api()
                        .delete("/api/v1/me/two-factor", Map.of("password", Users.PASSWORD))
                        .status())
                .isEqualTo(204);
        assertThat(user.api().get("/api/v1/me/two-factor").json().get("enabled").asBoolean())
                .isFalse();
        assertThat(audited(user.userId(), "user.two_factor_disabled")).isEqualTo(1);
        assertThat(Sql.countAsOwner(owner, "select count(*) from user_recovery_codes where user_id = ?", user.userId()))
                .isZero();
        assertThat(signIn(new Api(port), user.email(), null).status()).isEqualTo(200);
    }

    @Test
    void badEnrolmentRequestsAnswerProblemsAndChangeNothing() {
        var api = new Api(port);
        api.signUpFresh("Bad input");
        var notStarted = api.post("/api/v1/me/two-factor/confirm", Map.of("code", "123456"));
        assertThat(notStarted.status()).isEqualTo(409);
        assertThat(notStarted.json().get("code").asString()).isEqualTo("two_factor_not_started");
        api.post("/api/v1/me/two-factor", Map.of());
        var letters = api.post("/api/v1/me/two-factor/confirm", Map.of("code", "abcdef"));
        assertThat(letters.status()).isEqualTo(400);
        assertThat(letters.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(api.get("/api/v1/me/two-factor").json().get("enabled").asBoolean())
                .isFalse();

        var user = enrolled();
        var again = user.api().post("/api/v1/me/two-factor", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("two_factor_already_enabled");
        assertThat(signIn(new Api(port), user.email(), Oath.totp(user.secret(), 1))
                        .status())
                .as("the old secret still works")
                .isEqualTo(200);
    }

    @Test
    void browserSignInAsksForTheCodeOnASecondPage() {
        var user = enrolled();
        var browser = new Api(port);

        var password = browser.postForm("/signin", Map.of("email", user.email(), "password", Users.PASSWORD));
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.header("Location")).endsWith("/signin/two-factor");
        assertThat(browser.get("/api/v1/me").status()).as("not signed in yet").isEqualTo(401);
        String pendingSession = browser.cookie("CRMFLOW_SESSION");

        var page = browser.get("/signin/two-factor");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("data-testid=\"totp-code\"").contains("data-testid=\"totp-submit\"");

        var wrong = browser.postForm("/signin/two-factor", Map.of("code", notAnyCurrentCode(user.secret())));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);

        var right = browser.postForm("/signin/two-factor", Map.of("code", Oath.totp(user.secret(), 1)));
        assertThat(right.status()).isEqualTo(302);
        assertThat(right.header("Location")).endsWith("/");
        assertThat(browser.get("/api/v1/me").json().at("/user/email").asString())
                .isEqualTo(user.email());
        assertThat(browser.cookie("CRMFLOW_SESSION")).isNotEqualTo(pendingSession);
    }

    @Test
    void withoutAPasswordFirstTheCodePageSendsBackToSignIn() {
        var browser = new Api(port);
        assertThat(browser.get("/signin/two-factor").header("Location")).endsWith("/signin");
        var post = browser.postForm("/signin/two-factor", Map.of("code", "123456"));
        assertThat(post.status()).isEqualTo(302);
        assertThat(post.header("Location")).endsWith("/signin");
    }

    @Test
    void aWorkspaceRequirementBlocksUnenrolledMembersUntilTheyEnrol() {
        var admin = new Api(port);
        admin.signUpFresh("Strict");
        UUID workspaceId = UUID.fromString(
                admin.get("/api/v1/me").json().at("/workspace/id").asString());
        String memberEmail = "member-" + UUID.randomUUID() + "@example.com";
        var invitation = admin.post("/api/v1/invitations", Map.of("email", memberEmail, "role", "MEMBER"));
        var member = new Api(port);
        member.post(
                "/api/v1/auth/signup",
                Map.of("email", memberEmail, "password", Users.PASSWORD, "name", "Member", "workspaceName", "Own"));
        member.post(
                "/api/v1/invitations/accept",
                Map.of("token", invitation.json().get("token").asString()));

        var forbidden = member.patch("/api/v1/workspace", Map.of("requireTwoFactor", true));
        assertThat(forbidden.status()).isEqualTo(403);

        var required = admin.patch("/api/v1/workspace", Map.of("requireTwoFactor", true));
        assertThat(required.status()).isEqualTo(200);
        assertThat(required.json().get("requireTwoFactor").asBoolean()).isTrue();
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from audit_events where tenant_id = ? and action = ?",
                        workspaceId,
                        "workspace.two_factor_requirement_changed"))
                .isEqualTo(1);

        var blocked = member.get("/api/v1/members");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("code").asString()).isEqualTo("two_factor_enrollment_required");
        assertThat(member.get("/api/v1/me").status()).isEqualTo(200);
        var page = member.get("/members");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/profile/two-factor");
        assertThat(member.get("/profile/two-factor").status()).isEqualTo(200);

        String secret = member.post("/api/v1/me/two-factor", Map.of())
                .json()
                .get("secret")
                .asString();
        assertThat(member.post("/api/v1/me/two-factor/confirm", Map.of("code", Oath.totp(secret, 0)))
                        .status())
                .isEqualTo(200);
        assertThat(member.get("/api/v1/members").status()).isEqualTo(200);
        assertThat(member.get("/members").status()).isEqualTo(200);
    }

    @Test
    void enrolmentAndSecurityPagesRender() {
        var api = new Api(port);
        api.signUpFresh("Pages");
        assertThat(api.get("/profile").raw().body()).contains("data-testid=\"profile-two-factor\"");
        assertThat(api.postForm("/profile/two-factor/start", Map.of()).status()).isEqualTo(302);
        var setup = api.get("/profile/two-factor").raw().body();
        assertThat(setup).contains("data-testid=\"totp-qr\"").contains("<svg");
        assertThat(api.get("/settings/security").raw().body()).contains("data-testid=\"require-two-factor\"");
        assertThat(api.postForm("/settings/security", Map.of("requireTwoFactor", "on"))
                        .status())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/workspace").status())
                .as("the admin who turned it on must enrol too")
                .isEqualTo(403);
    }

    private long sessionsOf(UUID userId) {
        return Sql.countAsOwner(
                owner, "select count(*) from spring_session where principal_name = ?", userId.toString());
    }

    /** A 6-digit code that is none of the codes around now, so it is wrong whatever the step. */
    private static String notAnyCurrentCode(String secret) {
        var valid = List.of(
                Oath.totp(secret, -2),
                Oath.totp(secret, -1),
                Oath.totp(secret, 0),
                Oath.totp(secret, 1),
                Oath.totp(secret, 2));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }
}
