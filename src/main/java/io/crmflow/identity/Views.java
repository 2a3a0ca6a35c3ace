package io.crmflow.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the identity module answers with. */
public final class Views {

    private Views() {}

    public record UserView(
            UUID id,
            String email,
            String name,
            String timeZone,
            String locale,
            boolean emailVerified,
            boolean twoFactorEnabled) {}

    public record WorkspaceView(UUID id, String name, String slug, String plan, boolean requireTwoFactor) {}

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

    /** {@code GET /api/v1/me/two-factor}. */
    public record TwoFactorStatus(boolean enabled, @Nullable Instant enabledAt, int recoveryCodesLeft) {}

    /** A started enrolment: the secret as base32, as an {@code otpauth://} URI, and that URI as an SVG QR code. */
    public record TwoFactorSetup(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "TwoFactorSetup[secret hidden]";
        }
    }

    /** Single-use recovery codes, shown once when two-factor sign-in is turned on; stored only hashed. */
    public record RecoveryCodes(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodes[" + recoveryCodes.size() + " hidden]";
        }
    }
}
