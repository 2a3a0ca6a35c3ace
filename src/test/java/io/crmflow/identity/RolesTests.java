package io.crmflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Roles are enforced by the server: VIEWER never writes, only OWNER/ADMIN manage members, owners are protected. */
@IntegrationTest
class RolesTests {

    @LocalServerPort
    int port;

    Api owner;
    UUID ownerId;

    @BeforeEach
    void workspaceWithOwner() {
        owner = new Api(port);
        owner.signUpFresh("Roles");
        ownerId = UUID.fromString(owner.get("/api/v1/me").json().at("/user/id").asString());
    }

    /** Invites a new person with the role, who signs up and accepts; returns their signed-in client. */
    Api join(String role) {
        String email = "member-" + UUID.randomUUID() + "@example.com";
        var invitation = owner.post("/api/v1/invitations", Map.of("email", email, "role", role));
        assertThat(invitation.status()).isEqualTo(201);
        var member = new Api(port);
        member.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", role + " person", "workspaceName", "Own"));
        var accepted = member.post(
                "/api/v1/invitations/accept",
                Map.of("token", invitation.json().get("token").asString()));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("role").asString()).isEqualTo(role);
        return member;
    }

    UUID idOf(Api api) {
        return UUID.fromString(api.get("/api/v1/me").json().at("/user/id").asString());
    }

    @Test
    void viewerReadsButNeverWrites() {
        Api viewer = join("VIEWER");
        assertThat(viewer.get("/api/v1/members").status()).isEqualTo(200);
        var rename = viewer.patch("/api/v1/workspace", Map.of("name", "Hijacked"));
        assertThat(rename.status()).isEqualTo(403);
        assertThat(rename.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(viewer.post("/api/v1/invitations", Map.of("email", "x@example.com", "role", "MEMBER"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.patch("/api/v1/members/" + ownerId, Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.get("/api/v1/audit-events").status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/workspace").json().get("name").asString()).isEqualTo("Roles");
        // personal settings stay theirs
        assertThat(viewer.patch("/api/v1/me", Map.of("timeZone", "Europe/Berlin"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void memberCannotManageMembers() {
        Api member = join("MEMBER");
        assertThat(member.post("/api/v1/invitations", Map.of("email", "x@example.com", "role", "MEMBER"))
                        .status())
                .isEqualTo(403);
        assertThat(member.delete("/api/v1/members/" + ownerId).status()).isEqualTo(403);
    }

    @Test
    void adminManagesMembersButNotOwners() {
        Api admin = join("ADMIN");
        Api member = join("MEMBER");
        UUID memberId = idOf(member);
        assertThat(admin.patch("/api/v1/members/" + memberId, Map.of("role", "VIEWER"))
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("VIEWER");
        var promote = admin.patch("/api/v1/members/" + memberId, Map.of("role", "OWNER"));
        assertThat(promote.status()).isEqualTo(403);
        assertThat(promote.json().get("code").asString()).isEqualTo("owner_required");
        assertThat(admin.delete("/api/v1/members/" + ownerId).status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/invitations", Map.of("email", "o@example.com", "role", "OWNER"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        var demote = owner.patch("/api/v1/members/" + ownerId, Map.of("role", "ADMIN"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("code").asString()).isEqualTo("last_owner");
        assertThat(owner.delete("/api/v1/members/" + ownerId).status()).isEqualTo(409);

        Api second = join("ADMIN");
        owner.patch("/api/v1/members/" + idOf(second), Map.of("role", "OWNER"));
        assertThat(owner.patch("/api/v1/members/" + ownerId, Map.of("role", "ADMIN"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRoleChangeOrRemovalTakesEffectOnTheNextRequest() {
        Api member = join("MEMBER");
        UUID memberId = idOf(member);
        assertThat(member.patch("/api/v1/me", Map.of("name", "Still here")).status())
                .isEqualTo(200);

        owner.patch("/api/v1/members/" + memberId, Map.of("role", "VIEWER"));
        assertThat(member.get("/api/v1/me").json().get("role").asString()).isEqualTo("VIEWER");

        assertThat(owner.delete("/api/v1/members/" + memberId).status()).isEqualTo(204);
        var me = member.get("/api/v1/me").json();
        assertThat(me.at("/workspace/name").asString()).isEqualTo("Own"); // back in their own workspace
        assertThat(owner.get("/api/v1/members")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(m -> m.get("userId").asString()))
                .doesNotContain(memberId.toString());
    }

    @Test
    void invitationsAreSingleUseAndRevocable() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        var invitation = owner.post("/api/v1/invitations", Map.of("email", email, "role", "MEMBER"))
                .json();
        var invitee = new Api(port);
        invitee.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", "Twice", "workspaceName", "Mine"));
        String token = invitation.get("token").asString();
        assertThat(invitee.post("/api/v1/invitations/accept", Map.of("token", token))
                        .status())
                .isEqualTo(200);
        var again = invitee.post("/api/v1/invitations/accept", Map.of("token", token));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("invitation_accepted");

        String other = "revoked-" + UUID.randomUUID() + "@example.com";
        var revoked = owner.post("/api/v1/invitations", Map.of("email", other, "role", "MEMBER"))
                .json();
        assertThat(owner.delete("/api/v1/invitations/"
                                + revoked.at("/invitation/id").asString())
                        .status())
                .isEqualTo(204);
        var late = new Api(port);
        late.post(
                "/api/v1/auth/signup",
                Map.of("email", other, "password", Users.PASSWORD, "name", "Late", "workspaceName", "Mine"));
        var refused = late.post(
                "/api/v1/invitations/accept",
                Map.of("token", revoked.get("token").asString()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("invitation_revoked");
    }

    @Test
    void usersSwitchBetweenTheirWorkspaces() {
        var created = owner.post("/api/v1/workspaces", Map.of("name", "Second shop"));
        assertThat(created.status()).isEqualTo(201);
        String secondId = created.json().get("id").asString();
        var switched = owner.put("/api/v1/me/workspace", Map.of("workspaceId", secondId));
        assertThat(switched.json().at("/workspace/name").asString()).isEqualTo("Second shop");
        assertThat(owner.get("/api/v1/me").json().get("workspaces").size()).isEqualTo(2);
    }
}
