package io.crmflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Someone without an account opens their invitation link, creates the account there and joins. */
@IntegrationTest
class InvitationSignUpTests {

    @LocalServerPort
    int port;

    record Invited(String email, String path) {}

    Invited invite(Api owner, String role) {
        String email = "newcomer-" + UUID.randomUUID() + "@example.com";
        var created = owner.post("/api/v1/invitations", Map.of("email", email, "role", role));
        assertThat(created.status()).isEqualTo(201);
        return new Invited(email, "/invitations/" + created.json().get("token").asString());
    }

    @Test
    void aNewcomerCreatesTheirAccountFromTheLinkAndJoinsOnlyThatWorkspace() {
        var owner = new Api(port);
        owner.signUpFresh("Inviting Co");
        var invited = invite(owner, "MEMBER");

        var newcomer = new Api(port);
        var page = newcomer.get(invited.path());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("Inviting Co", "data-testid=\"invitation-signup\"", invited.email());

        var joined =
                newcomer.postForm(invited.path() + "/signup", Map.of("name", "New Person", "password", Users.PASSWORD));
        assertThat(joined.status()).isEqualTo(302);
        var me = newcomer.get("/api/v1/me").json();
        assertThat(me.at("/user/email").asString()).isEqualTo(invited.email());
        assertThat(me.at("/user/emailVerified").asBoolean()).isTrue();
        assertThat(me.at("/workspace/name").asString()).isEqualTo("Inviting Co");
        assertThat(me.get("role").asString()).isEqualTo("MEMBER");
        assertThat(me.get("workspaces").size()).isEqualTo(1);

        // the link is used up
        var again = new Api(port);
        assertThat(again.get(invited.path()).raw().body()).contains("This invitation is accepted");
        var replay = again.postForm(invited.path() + "/signup", Map.of("name", "Thief", "password", Users.PASSWORD));
        assertThat(replay.status()).isEqualTo(302);
        assertThat(again.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void anExistingAccountIsAskedToSignInAndUnknownLinksAnswerClearly() {
        var owner = new Api(port);
        owner.signUpFresh("Existing Co");
        var existing = new Api(port);
        String email = existing.signUpFresh("Mine");
        var created = owner.post("/api/v1/invitations", Map.of("email", email, "role", "VIEWER"))
                .json();
        String path = "/invitations/" + created.get("token").asString();

        var stranger = new Api(port);
        assertThat(stranger.get(path).raw().body())
                .contains("data-testid=\"invitation-signin\"")
                .doesNotContain("invitation-signup\"");
        stranger.postForm(path + "/signup", Map.of("name", "Impostor", "password", Users.PASSWORD));
        assertThat(stranger.get("/api/v1/me").status()).isEqualTo(401);

        var unknown = new Api(port).get("/invitations/not-a-real-token");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw().body()).contains("data-testid=\"invitation-invalid\"");

        var badInput = new Api(port);
        var fresh = invite(owner, "MEMBER");
        badInput.postForm(fresh.path() + "/signup", Map.of("name", "", "password", "short"));
        assertThat(badInput.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(new Api(port).get(fresh.path()).raw().body())
                .contains("data-testid=\"invitation-signup\""); // still open
    }
}
