package io.crmflow.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the identity module answers with. */
public final class Views {

    private Views() {}

    public record UserView(UUID id, String email, String name, String timeZone, String locale, boolean emailVerified) {}

    public record WorkspaceView(UUID id, String name, String slug, String plan) {}

    public record WorkspaceMembership(UUID id, String name, String slug, Role role) {}

    /** {@code GET /api/v1/me}: the user, the current workspace and role, and every workspace they belong to. */
    public record Me(
            UserView user,
            @Nullable WorkspaceView workspace,
            @Nullable Role role,
            List<WorkspaceMembership> workspaces) {}

    public record MemberView(UUID userId, String email, String name, Role role, Instant joinedAt) {}

    public record InvitationView(
            UUID id, String email, Role role, Instant createdAt, Instant expiresAt, String status) {}

    /** A new invitation with its link: the token is shown once and stored only hashed. */
    public record CreatedInvitation(InvitationView invitation, String token, String acceptUrl) {}

    /** An invitation as its invitee sees it. */
    public record InvitationForInvitee(UUID workspaceId, String workspaceName, Role role, String status) {}
}
