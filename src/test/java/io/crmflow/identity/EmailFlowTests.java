package io.crmflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.MailServer;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Verification, password reset and invitation mail, read from a real SMTP server. */
@IntegrationTest
class EmailFlowTests {

    static final String NEW_PASSWORD = "a brand new passphrase 42";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void signUpMailsAVerificationLinkThatVerifiesOnce() {
        var api = new Api(port);
        String email = api.signUpUnverified("Verify");
        assertThat(api.get("/api/v1/me").json().at("/user/emailVerified").asBoolean())
                .isFalse();
        assertThat(api.get("/").raw().body()).contains("data-testid=\"verify-banner\"");

        var mail = MailServer.await(email, "Confirm your email");
        String token = mail.token("verify-email");
        assertThat(mail.html()).contains("/verify-email/" + token);
        assertThat(token.length()).isGreaterThanOrEqualTo(43); // 256 random bits, base64url
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from account_tokens where token_hash = sha256(convert_to(?, 'UTF8'))",
                        token))
                .as("only the hash is stored")
                .isEqualTo(1);

        var page = new Api(port).get("/verify-email/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("data-testid=\"email-verified\"");
        assertThat(api.get("/api/v1/me").json().at("/user/emailVerified").asBoolean())
                .isTrue();
        assertThat(api.get("/").raw().body()).doesNotContain("data-testid=\"verify-banner\"");

        var again = api.post("/api/v1/auth/verify-email", Map.of("token", token));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("token_used");
        assertThat(api.post("/api/v1/auth/verify-email", Map.of("token", "unknown-token"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/me/verification-email", Map.of())
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("already_verified");
    }

    @Test
    void unverifiedUsersCannotInviteAndResendIsRateLimited() {
        var api = new Api(port);
        String email = api.signUpUnverified("Unverified");
        var invite = api.post(
                "/api/v1/invitations", Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "role", "MEMBER"));
        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.json().get("code").asString()).isEqualTo("email_unverified");
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from email_outbox where kind = 'invitation'"
                                + " and workspace_id = (select last_workspace_id from users where email = ?)",
                        email))
                .isZero();

        var resend = api.post("/api/v1/me/verification-email", Map.of());
        assertThat(resend.status()).isEqualTo(429);
        assertThat(resend.json().get("code").asString()).isEqualTo("verification_rate_limited");
        assertThat(resend.header("Retry-After")).isNotNull();

        Sql.asOwner(owner, c -> Sql.update(c, """
                update account_tokens set created_at = created_at - interval '2 minutes'
                where user_id = (select id from users where email = ?)""", email));
        assertThat(api.post("/api/v1/me/verification-email", Map.of()).status()).isEqualTo(202);
        String second =
                MailServer.awaitCount(email, "Confirm your email", 2).getLast().token("verify-email");
        assertThat(api.post("/api/v1/auth/verify-email", Map.of("token", second))
                        .status())
                .isEqualTo(204);
        assertThat(api.post(
                                "/api/v1/invitations",
                                Map.of("email", "y-" + UUID.randomUUID() + "@example.com", "role", "MEMBER"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void passwordResetByMailedLinkChangesThePasswordOnceAndSignsOutOtherSessions() {
        var signedIn = new Api(port);
        String email = signedIn.signUpFresh("Reset");
        String userId = signedIn.get("/api/v1/me").json().at("/user/id").asString();

        var visitor = new Api(port);
        var asked = visitor.post("/api/v1/auth/password-reset", Map.of("email", email));
        assertThat(asked.status()).isEqualTo(202);
        var mail = MailServer.await(email, "Reset your CRMFlow password");
        String token = mail.token("reset-password");
        assertThat(visitor.get("/reset-password/" + token).status()).isEqualTo(200);

        var tooShort =
                visitor.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(signedIn.get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);

        var confirmed = visitor.post(
                "/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", NEW_PASSWORD));
        assertThat(confirmed.status()).isEqualTo(204);
        assertThat(signedIn.get("/api/v1/me").status())
                .as("other session signed out")
                .isEqualTo(401);
        assertThat(new Api(port).signIn(email, Users.PASSWORD).status()).isEqualTo(401);
        assertThat(new Api(port).signIn(email, NEW_PASSWORD).status()).isEqualTo(200);

        var reused = visitor.post(
                "/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", "yet another passphrase"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("code").asString()).isEqualTo("token_used");
        var page = visitor.get("/reset-password/" + token);
        assertThat(page.status()).isEqualTo(409);
        assertThat(page.raw().body()).contains("data-testid=\"reset-link-error\"");
        assertThat(visitor.post(
                                "/api/v1/auth/password-reset/confirm",
                                Map.of("token", "no-such-token", "newPassword", NEW_PASSWORD))
                        .status())
                .isEqualTo(404);
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from audit_events where action = 'auth.password_reset' and actor_user_id = ?",
                        UUID.fromString(userId)))
                .isEqualTo(1);
    }

    @Test
    void forgotPasswordAndResetWorkThroughThePages() {
        String email = new Api(port).signUpFresh("Reset pages");
        var browser = new Api(port);
        assertThat(browser.get("/signin").raw().body()).contains("data-testid=\"forgot-password-link\"");
        assertThat(browser.get("/forgot-password").status()).isEqualTo(200);

        var sent = form(browser, "/forgot-password", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.raw().body()).contains("data-testid=\"forgot-sent\"");
        String token = MailServer.await(email, "Reset your CRMFlow password").token("reset-password");

        assertThat(browser.get("/reset-password/" + token).raw().body()).contains("data-testid=\"reset-password\"");
        var changed = form(
                browser,
                "/reset-password/" + token,
                "newPassword=" + URLEncoder.encode(NEW_PASSWORD, StandardCharsets.UTF_8));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(changed.header("Location")).endsWith("/signin?passwordReset");
        assertThat(new Api(port).signIn(email, NEW_PASSWORD).status()).isEqualTo(200);
    }

    private static Api.Response form(Api api, String path, String body) {
        return api.send(api.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", api.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void expiredResetLinksAnswerClearly() {
        String email = new Api(port).signUpFresh("Expired");
        var visitor = new Api(port);
        visitor.post("/api/v1/auth/password-reset", Map.of("email", email));
        String token = MailServer.await(email, "Reset your CRMFlow password").token("reset-password");
        Sql.asOwner(owner, c -> Sql.update(c, """
                update account_tokens set expires_at = now() - interval '1 minute'
                where token_hash = sha256(convert_to(?, 'UTF8'))""", token));

        var expired = visitor.post(
                "/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", NEW_PASSWORD));
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.json().get("code").asString()).isEqualTo("token_expired");
        assertThat(new Api(port).signIn(email, Users.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoMail() {
        String known = new Api(port).signUpFresh("Known");
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        var visitor = new Api(port);

        var forKnown = visitor.post("/api/v1/auth/password-reset", Map.of("email", known));
        var forUnknown = visitor.post("/api/v1/auth/password-reset", Map.of("email", unknown));

        var knownAgain = visitor.post("/api/v1/auth/password-reset", Map.of("email", known));

        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.raw().body()).isEqualTo(forKnown.raw().body());
        assertThat(knownAgain.raw().body()).isEqualTo(forKnown.raw().body());
        MailServer.await(known, "Reset your CRMFlow password");
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from email_outbox where recipient = ? and kind = 'password-reset'",
                        known))
                .as("at most one reset mail a minute")
                .isEqualTo(1);
        assertThat(Sql.countAsOwner(
                        owner, "select count(*) from email_outbox where lower(recipient) = lower(?)", unknown))
                .isZero();
        assertThat(MailServer.find(unknown, "")).isEmpty();
        assertThat(visitor.post("/api/v1/auth/password-reset", Map.of("email", "not an email"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void invitationsAreMailedWithTheAcceptLink() {
        var api = new Api(port);
        api.signUpFresh("Inviting");
        String invitee = "invitee-" + UUID.randomUUID() + "@example.com";
        var created = api.post("/api/v1/invitations", Map.of("email", invitee, "role", "MEMBER"));
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(created.json().get("acceptUrl").asString()).endsWith("/invitations/" + token);

        var mail = MailServer.await(invitee, "invited you to Inviting");
        assertThat(mail.token("invitations")).isEqualTo(token);
        assertThat(mail.text()).contains("MEMBER");
    }
}
