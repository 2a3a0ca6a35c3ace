package io.crmflow.identity;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import io.crmflow.shared.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepting an invitation without an account: the link itself is the proof of the email address, so the new
 * account is created verified, joins the inviting workspace only, and is signed in.
 */
@Service
public class InvitationSignUp {

    private final InvitationRepository invitations;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final Tenancy tenancy;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    InvitationSignUp(
            InvitationRepository invitations,
            WorkspaceRepository workspaces,
            MembershipRepository memberships,
            UserRepository users,
            Tenancy tenancy,
            PasswordEncoder passwords,
            AuditLog audit,
            Clock clock) {
        this.invitations = invitations;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.users = users;
        this.tenancy = tenancy;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an invitee who is not signed in sees: workspace, role, email, and whether the link still works. */
    public record Invitation(String workspaceName, Role role, String email, String status, boolean accountExists) {}

    @Transactional
    public Invitation lookUp(String token) {
        var row = open(token);
        return new Invitation(
                workspaces.findById(row.tenantId()).orElseThrow().name(),
                row.role(),
                row.email(),
                row.status(Instant.now(clock)),
                users.findByEmail(row.email()).isPresent());
    }

    /** Creates the invitee's account (email from the invitation, verified) in the inviting workspace only. */
    @Transactional
    public CurrentUser signUpAndJoin(String token, @Nullable String name, @Nullable String password) {
        new Checks().text("name", name, 100).password("password", password).orThrow();
        var invitation = open(token);
        Instant now = Instant.now(clock);
        String status = invitation.status(now);
        if (!status.equals("pending")) {
            throw ApiProblem.conflict("invitation_" + status, "This invitation is " + status);
        }
        if (users.findByEmail(invitation.email()).isPresent()) {
            throw ApiProblem.conflict("account_exists", "An account with this email exists: sign in to accept");
        }
        UUID userId = Ids.newId();
        try {
            users.insert(userId, invitation.email(), name.trim(), passwords.encode(password), now);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("account_exists", "An account with this email exists: sign in to accept");
        }
        users.markVerified(userId, now);
        tenancy.enter(invitation.tenantId(), userId);
        if (!invitations.accept(invitation.id(), now)) {
            throw ApiProblem.conflict("invitation_closed", "This invitation is no longer valid");
        }
        memberships.insert(invitation.tenantId(), userId, invitation.role(), now);
        users.rememberWorkspace(userId, invitation.tenantId());
        audit.recordBy(
                userId,
                "invitation.accepted",
                "membership",
                userId,
                AuditLog.created(Map.of(
                        "role", invitation.role().name(),
                        "invitationId", invitation.id().toString(),
                        "newAccount", true)));
        return new CurrentUser(userId, invitation.email(), invitation.tenantId());
    }

    /** The invitation behind a token, read inside its own workspace; 404 for unknown tokens. */
    private InvitationRepository.InvitationRow open(String token) {
        byte[] hash = Tokens.sha256(token);
        UUID workspace = invitations.workspaceOfToken(hash).orElseThrow(() -> ApiProblem.notFound("Invitation"));
        tenancy.enter(workspace, null);
        return invitations.findByTokenHash(hash).orElseThrow(() -> ApiProblem.notFound("Invitation"));
    }
}
