package io.crmflow.identity;

import io.crmflow.email.EmailOutbox;
import io.crmflow.email.OutgoingEmail;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.shared.Ids;
import io.crmflow.shared.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current workspace's members and invitations. Only OWNER and ADMIN manage them; only an OWNER grants or
 * takes away OWNER; the last OWNER can be neither demoted nor removed.
 */
@Service
public class Members {

    private static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    private final MembershipRepository memberships;
    private final InvitationRepository invitations;
    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final Tenancy tenancy;
    private final AuditLog audit;
    private final EmailOutbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String baseUrl;

    Members(
            MembershipRepository memberships,
            InvitationRepository invitations,
            WorkspaceRepository workspaces,
            UserRepository users,
            Tenancy tenancy,
            AuditLog audit,
            EmailOutbox outbox,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${crmflow.base-url}") String baseUrl) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.workspaces = workspaces;
        this.users = users;
        this.tenancy = tenancy;
        this.audit = audit;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public record Invite(@Nullable String email, @Nullable Role role) {}

    @Transactional(readOnly = true)
    public CursorPage<Views.MemberView> list(@Nullable String cursor, int limit) {
        String afterEmail = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
                afterEmail = parts[0];
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ApiProblem.invalid("cursor", "is not a cursor this API gave out");
            }
        }
        List<Views.MemberView> rows = memberships.members(afterEmail, afterId, limit + 1);
        if (rows.size() <= limit) {
            return new CursorPage<>(rows, null);
        }
        var page = rows.subList(0, limit);
        var last = page.getLast();
        String next = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((last.email().toLowerCase() + "\n" + last.userId()).getBytes(StandardCharsets.UTF_8));
        return new CursorPage<>(List.copyOf(page), next);
    }

    /** Changes a member's role. */
    @Transactional
    public Views.MemberView changeRole(UUID userId, @Nullable Role role) {
        new Checks()
                .require(role != null, "role", "must be one of OWNER, ADMIN, MEMBER, VIEWER")
                .orThrow();
        Role mine = requireManager(memberships);
        var member = memberships.member(userId).orElseThrow(() -> ApiProblem.notFound("Member"));
        if ((member.role() == Role.OWNER || role == Role.OWNER) && mine != Role.OWNER) {
            throw ApiProblem.forbidden("owner_required", "Only an owner can grant or take away the owner role");
        }
        if (member.role() == Role.OWNER && role != Role.OWNER && memberships.lockOwners() <= 1) {
            throw ApiProblem.conflict("last_owner", "The workspace needs at least one owner");
        }
        memberships.changeRole(userId, role);
        events.publishEvent(
                new MemberEvent.MemberUpdated(member.userId(), member.email(), member.name(), role, member.role()));
        audit.record(
                "membership.role_changed",
                "membership",
                userId,
                AuditLog.diff(Map.of("role", member.role().name()), Map.of("role", role.name())));
        return new Views.MemberView(member.userId(), member.email(), member.name(), role, member.joinedAt());
    }

    /** Removes a member from the workspace. */
    @Transactional
    public void remove(UUID userId) {
        Role mine = requireManager(memberships);
        var member = memberships.member(userId).orElseThrow(() -> ApiProblem.notFound("Member"));
        if (member.role() == Role.OWNER && mine != Role.OWNER) {
            throw ApiProblem.forbidden("owner_required", "Only an owner can remove an owner");
        }
        if (member.role() == Role.OWNER && memberships.lockOwners() <= 1) {
            throw ApiProblem.conflict("last_owner", "The last owner cannot be removed");
        }
        memberships.remove(userId);
        events.publishEvent(
                new MemberEvent.MemberDeleted(member.userId(), member.email(), member.name(), member.role()));
        audit.record(
                "membership.removed",
                "membership",
                userId,
                AuditLog.diff(
                        Map.of("email", member.email(), "role", member.role().name()), Map.of()));
    }

    /** Invites someone by email; the link is valid for 7 days and can be used once. */
    @Transactional
    public Views.CreatedInvitation invite(Invite command) {
        new Checks()
                .email("email", command.email())
                .require(command.role() != null, "role", "must be one of OWNER, ADMIN, MEMBER, VIEWER")
                .orThrow();
        Role mine = requireManager(memberships);
        if (command.role() == Role.OWNER && mine != Role.OWNER) {
            throw ApiProblem.forbidden("owner_required", "Only an owner can invite owners");
        }
        UUID inviter = Tenancy.current().userId();
        var me = users.findById(inviter).orElseThrow(() -> ApiProblem.notFound("User"));
        if (!me.emailVerified()) {
            throw ApiProblem.forbidden(
                    "email_unverified", "Confirm your email address (see the mail we sent you) before inviting anyone");
        }
        String email = command.email().trim();
        var existing = users.findByEmail(email);
        if (existing.isPresent() && memberships.member(existing.get().id()).isPresent()) {
            throw ApiProblem.conflict("already_member", email + " is already a member of this workspace");
        }
        String token = Tokens.newToken();
        UUID id = Ids.newId();
        Instant now = Instant.now(clock);
        invitations.insert(
                id, email, command.role(), Tokens.sha256(token), inviter, now, now.plus(INVITATION_LIFETIME));
        audit.record(
                "invitation.created",
                "invitation",
                id,
                AuditLog.created(Map.of("email", email, "role", command.role().name())));
        events.publishEvent(
                new MemberEvent.InvitationCreated(id, email, command.role(), now.plus(INVITATION_LIFETIME)));
        String acceptUrl = baseUrl + "/invitations/" + token;
        UUID workspaceId = Tenancy.current().tenantId();
        String workspaceName = workspaces.findById(workspaceId).orElseThrow().name();
        outbox.queue(OutgoingEmail.workspaceMail(
                email,
                me.name() + " invited you to " + workspaceName + " on CRMFlow",
                "invitation",
                Map.of(
                        "inviter",
                        me.name(),
                        "workspace",
                        workspaceName,
                        "role",
                        command.role().name(),
                        "link",
                        acceptUrl),
                workspaceId));
        var view = new Views.InvitationView(id, email, command.role(), now, now.plus(INVITATION_LIFETIME), "pending");
        return new Views.CreatedInvitation(view, token, acceptUrl);
    }

    @Transactional(readOnly = true)
    public List<Views.InvitationView> pendingInvitations() {
        Instant now = Instant.now(clock);
        return invitations.pending(now).stream().map(i -> i.view(now)).toList();
    }

    @Transactional
    public void revokeInvitation(UUID id) {
        requireManager(memberships);
        var invitation = invitations.findInWorkspace(id).orElseThrow(() -> ApiProblem.notFound("Invitation"));
        if (!invitations.revoke(id, Instant.now(clock))) {
            throw ApiProblem.conflict("invitation_closed", "This invitation was already accepted or revoked");
        }
        audit.record(
                "invitation.revoked",
                "invitation",
                id,
                AuditLog.diff(Map.of("status", invitation.status(Instant.now(clock))), Map.of("status", "revoked")));
    }

    /** What the signed-in invitee sees before accepting; 404 unless the invitation is addressed to them. */
    @Transactional(readOnly = true)
    public Views.InvitationForInvitee lookUp(UUID userId, String token) {
        var invitation = addressedTo(userId, token);
        String name = workspaces.findById(invitation.tenantId()).orElseThrow().name();
        return new Views.InvitationForInvitee(
                invitation.tenantId(), name, invitation.role(), invitation.status(Instant.now(clock)));
    }

    /**
     * Accepts an invitation for the signed-in user, whose email it must be addressed to (row level security only
     * shows them those). Returns the workspace joined.
     */
    @Transactional
    public UUID accept(UUID userId, @Nullable String token) {
        new Checks().text("token", token, 200).orThrow();
        var invitation = addressedTo(userId, token);
        Instant now = Instant.now(clock);
        String status = invitation.status(now);
        if (!status.equals("pending")) {
            throw ApiProblem.conflict("invitation_" + status, "This invitation is " + status);
        }
        tenancy.enter(invitation.tenantId(), userId);
        if (!invitations.accept(invitation.id(), now)) {
            throw ApiProblem.conflict("invitation_closed", "This invitation is no longer valid");
        }
        if (memberships.member(userId).isEmpty()) {
            memberships.insert(invitation.tenantId(), userId, invitation.role(), now);
            var joined = users.findById(userId).orElseThrow();
            events.publishEvent(
                    new MemberEvent.MemberCreated(userId, joined.email(), joined.name(), invitation.role()));
        }
        users.rememberWorkspace(userId, invitation.tenantId());
        audit.recordBy(
                userId,
                "invitation.accepted",
                "membership",
                userId,
                AuditLog.created(Map.of(
                        "role",
                        invitation.role().name(),
                        "invitationId",
                        invitation.id().toString())));
        return invitation.tenantId();
    }

    /** The invitation with this token, if it is addressed to this user's email; else 404. */
    private InvitationRepository.InvitationRow addressedTo(UUID userId, String token) {
        String email = users.findById(userId)
                .orElseThrow(() -> ApiProblem.notFound("User"))
                .email();
        return invitations
                .findByTokenHash(Tokens.sha256(token))
                .filter(i -> i.email().equalsIgnoreCase(email))
                .orElseThrow(() -> ApiProblem.notFound("Invitation"));
    }

    /** The caller's role, which must be OWNER or ADMIN (checked in the database, not only by the URL rules). */
    static Role requireManager(MembershipRepository memberships) {
        var scope = Tenancy.current();
        if (scope.tenantId() == null || scope.userId() == null) {
            throw ApiProblem.forbidden("forbidden", "Your role does not allow this action");
        }
        Role role = memberships
                .roleOf(scope.tenantId(), scope.userId())
                .orElseThrow(() -> ApiProblem.forbidden("forbidden", "Your role does not allow this action"));
        if (!role.canManageMembers()) {
            throw ApiProblem.forbidden("forbidden", "Only owners and admins manage members");
        }
        return role;
    }
}
