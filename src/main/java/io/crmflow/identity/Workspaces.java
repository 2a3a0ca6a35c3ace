package io.crmflow.identity;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Workspaces a user belongs to: creating one, choosing which one to work in, renaming. */
@Service
public class Workspaces {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final Tenancy tenancy;
    private final AuditLog audit;
    private final Clock clock;

    Workspaces(
            WorkspaceRepository workspaces,
            MembershipRepository memberships,
            UserRepository users,
            Tenancy tenancy,
            AuditLog audit,
            Clock clock) {
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.users = users;
        this.tenancy = tenancy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a workspace owned by the signed-in user and returns it; they keep working where they were. */
    @Transactional
    public Views.WorkspaceMembership create(UUID userId, @Nullable String name) {
        new Checks().text("name", name, 100).orThrow();
        UUID id = createFor(userId, name.trim());
        return new Views.WorkspaceMembership(
                id, name.trim(), workspaces.findById(id).orElseThrow().slug(), Role.OWNER);
    }

    /** In the caller's transaction: a new workspace with the user as its OWNER. Leaves the transaction in it. */
    @Transactional
    UUID createFor(UUID userId, String name) {
        UUID id = Ids.newId();
        Instant now = Instant.now(clock);
        String slug = uniqueSlug(name);
        workspaces.insert(id, name, slug, now);
        tenancy.enter(id, userId);
        memberships.insert(id, userId, Role.OWNER, now);
        users.rememberWorkspace(userId, id);
        audit.recordBy(
                userId, "workspace.created", "workspace", id, AuditLog.created(Map.of("name", name, "slug", slug)));
        audit.recordBy(
                userId,
                "membership.created",
                "membership",
                userId,
                AuditLog.created(Map.of("userId", userId.toString(), "role", Role.OWNER.name())));
        return id;
    }

    /** The user's workspaces with their role in each. */
    @Transactional(readOnly = true)
    public List<Views.WorkspaceMembership> of(UUID userId) {
        return memberships.workspacesOf(userId);
    }

    /** Where a user lands after sign-in: the workspace they last used if still a member, else their first. */
    @Transactional(readOnly = true)
    public @Nullable UUID landingWorkspace(UUID userId, @Nullable UUID lastUsed) {
        var all = memberships.workspacesOf(userId);
        return all.stream()
                .map(Views.WorkspaceMembership::id)
                .filter(id -> id.equals(lastUsed))
                .findFirst()
                .orElse(all.isEmpty() ? null : all.getFirst().id());
    }

    /** The user's role in a workspace, empty when they are not (or no longer) a member. */
    @Transactional(readOnly = true)
    public java.util.Optional<Role> roleOf(UUID userId, UUID workspaceId) {
        return memberships.roleOf(workspaceId, userId);
    }

    /** Checks the user belongs to the workspace and makes it the one they work in. 404 when not a member. */
    @Transactional
    public Views.WorkspaceMembership switchTo(UUID userId, @Nullable UUID workspaceId) {
        new Checks().require(workspaceId != null, "workspaceId", "is required").orThrow();
        var target = memberships.workspacesOf(userId).stream()
                .filter(w -> w.id().equals(workspaceId))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Workspace"));
        users.rememberWorkspace(userId, workspaceId);
        return target;
    }

    @Transactional(readOnly = true)
    public Views.WorkspaceView current() {
        UUID id = Tenancy.currentTenant().orElseThrow(() -> ApiProblem.notFound("Workspace"));
        return workspaces.findById(id).orElseThrow(() -> ApiProblem.notFound("Workspace"));
    }

    /** A change to the current workspace; fields left null stay as they are. */
    public record WorkspaceChange(
            @Nullable String name, @Nullable Boolean requireTwoFactor) {}

    /** Renames the current workspace and/or sets whether its members must use two-factor sign-in (OWNER/ADMIN). */
    @Transactional
    public Views.WorkspaceView update(WorkspaceChange change) {
        var checks = new Checks()
                .require(
                        change.name() != null || change.requireTwoFactor() != null,
                        "name",
                        "or requireTwoFactor is required");
        if (change.name() != null) {
            checks.text("name", change.name(), 100);
        }
        checks.orThrow();
        Views.WorkspaceView before = current();
        Members.requireManager(memberships);
        String name = change.name() == null ? before.name() : change.name().trim();
        boolean required = change.requireTwoFactor() == null ? before.requireTwoFactor() : change.requireTwoFactor();
        if (change.name() != null) {
            workspaces.rename(before.id(), name);
            audit.record(
                    "workspace.renamed",
                    "workspace",
                    before.id(),
                    AuditLog.diff(Map.of("name", before.name()), Map.of("name", name)));
        }
        if (required != before.requireTwoFactor()) {
            workspaces.requireTwoFactor(before.id(), required);
            audit.record(
                    "workspace.two_factor_requirement_changed",
                    "workspace",
                    before.id(),
                    AuditLog.diff(
                            Map.of("requireTwoFactor", before.requireTwoFactor()),
                            Map.of("requireTwoFactor", required)));
        }
        return new Views.WorkspaceView(before.id(), name, before.slug(), before.plan(), required);
    }

    /** Turns QR sign-in on or off for the current workspace (OWNER/ADMIN); returns the new setting. */
    @Transactional
    public boolean setQrSignIn(@Nullable Boolean enabled) {
        new Checks()
                .require(enabled != null, "enabled", "must be true or false")
                .orThrow();
        Views.WorkspaceView workspace = current();
        Members.requireManager(memberships);
        boolean before = workspaces.qrSignInEnabled(workspace.id());
        workspaces.setQrSignIn(workspace.id(), enabled);
        audit.record(
                "workspace.qr_sign_in_changed",
                "workspace",
                workspace.id(),
                AuditLog.diff(Map.of("qrSignInEnabled", before), Map.of("qrSignInEnabled", enabled)));
        return enabled;
    }

    @Transactional(readOnly = true)
    public boolean qrSignInEnabled() {
        return workspaces.qrSignInEnabled(current().id());
    }

    private String uniqueSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "workspace";
        }
        String slug = base;
        while (workspaces.slugTaken(slug)) {
            slug = base + "-" + HexFormat.of().formatHex(randomBytes());
        }
        return slug;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
