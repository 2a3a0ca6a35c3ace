package io.crmflow.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.MailServer;
import io.crmflow.support.Sql;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The outbox as admins see it, and what the sending job does when SMTP fails. */
@IntegrationTest
class OutboxTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void adminsSeeTheirWorkspaceMailButNeverTheBodyOfAccountMail() {
        var alice = new Api(port);
        String aliceEmail = alice.signUpFresh("Outbox A");
        String verificationToken =
                MailServer.await(aliceEmail, "Confirm your email").token("verify-email");
        String invitee = "invitee-" + UUID.randomUUID() + "@example.com";
        alice.post("/api/v1/invitations", Map.of("email", invitee, "role", "MEMBER"));

        var list = alice.get("/api/v1/admin/outbox");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().has("nextCursor")).isTrue();
        JsonNode verification = row(list.json(), aliceEmail);
        assertThat(verification.get("accountMail").asBoolean()).isTrue();
        assertThat(verification.get("textBody").isNull()).isTrue();
        JsonNode invitation = row(list.json(), invitee);
        assertThat(invitation.get("kind").asString()).isEqualTo("invitation");
        assertThat(invitation.get("textBody").asString()).contains("/invitations/");
        assertThat(list.raw().body()).doesNotContain(verificationToken);

        var page = alice.get("/settings/outbox");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains(invitee).contains(aliceEmail).doesNotContain(verificationToken);

        var bob = new Api(port);
        bob.signUpFresh("Outbox B");
        var bobs = bob.get("/api/v1/admin/outbox").json();
        assertThat(bobs.get("data").valueStream().map(r -> r.get("recipient").asString()))
                .doesNotContain(aliceEmail, invitee);
        String invitationId = invitation.get("id").asString();
        assertThat(bob.post("/api/v1/admin/outbox/" + invitationId + "/retry", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/settings/outbox").raw().body()).doesNotContain(invitee);
    }

    @Test
    void membersWithoutAdminRightsCannotSeeTheOutbox() {
        var owner = new Api(port);
        owner.signUpFresh("Outbox roles");
        var member = owner.inviteNewMember("MEMBER");
        assertThat(member.get("/api/v1/admin/outbox").status()).isEqualTo(403);
    }

    @Test
    void aFailingSmtpServerLeadsToARetryLaterNotToLostMail() {
        var alice = new Api(port);
        alice.signUpFresh("Outbox retry");
        String invitee = "retry-" + UUID.randomUUID() + "@example.com";
        MailServer.stop();
        try {
            alice.post("/api/v1/invitations", Map.of("email", invitee, "role", "MEMBER"));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Sql.countAsOwner(owner, """
                            select count(*) from email_outbox
                            where recipient = ? and status = 'QUEUED' and attempts = 1 and last_error is not null
                              and next_attempt_at > now() + interval '50 seconds'""", invitee) == 1);
        } finally {
            MailServer.restart();
        }
        assertThat(MailServer.find(invitee, "")).isEmpty();

        // a minute later (here: now) the job tries again and the mail arrives
        Sql.asOwner(
                owner,
                c -> Sql.update(c, "update email_outbox set next_attempt_at = now() where recipient = ?", invitee));
        MailServer.await(invitee, "invited you");
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from email_outbox where recipient = ? and status = 'SENT' and attempts = 2",
                        invitee))
                .isEqualTo(1);
    }

    @Test
    void failedMailCanBeQueuedAgainByAnAdmin() {
        var alice = new Api(port);
        alice.signUpFresh("Outbox failed");
        String invitee = "failed-" + UUID.randomUUID() + "@example.com";
        alice.post("/api/v1/invitations", Map.of("email", invitee, "role", "MEMBER"));
        MailServer.await(invitee, "invited you");
        String id =
                row(alice.get("/api/v1/admin/outbox").json(), invitee).get("id").asString();

        var notFailed = alice.post("/api/v1/admin/outbox/" + id + "/retry", Map.of());
        assertThat(notFailed.status()).isEqualTo(409);
        assertThat(notFailed.json().get("code").asString()).isEqualTo("mail_not_failed");

        Sql.asOwner(
                owner,
                c -> Sql.update(c, "update email_outbox set status = 'FAILED' where id = ?", UUID.fromString(id)));
        var retried = alice.post("/api/v1/admin/outbox/" + id + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("attempts").asInt()).isZero();
        MailServer.awaitCount(invitee, "invited you", 2);
    }

    private static JsonNode row(JsonNode page, String recipient) {
        return page.get("data")
                .valueStream()
                .filter(r -> r.get("recipient").asString().equals(recipient))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + recipient + " in " + page));
    }
}
