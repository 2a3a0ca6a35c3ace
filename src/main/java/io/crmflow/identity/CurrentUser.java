package io.crmflow.identity;

import io.crmflow.platform.tenancy.TenantPrincipal;
import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user as kept in the session: identity and current workspace only. The role is read from the
 * database on every request, so a changed role or a removal takes effect at once on every node.
 */
public record CurrentUser(
        UUID userId, String email, @Nullable UUID workspaceId) implements TenantPrincipal, Principal, Serializable {

    @Override
    public String getName() {
        return userId.toString();
    }

    public CurrentUser inWorkspace(@Nullable UUID workspace) {
        return new CurrentUser(userId, email, workspace);
    }
}
