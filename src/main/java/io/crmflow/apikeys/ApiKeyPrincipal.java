package io.crmflow.apikeys;

import io.crmflow.platform.tenancy.TenantPrincipal;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * A request authenticated by an API key: it works in the key's workspace, on behalf of the member who created the
 * key ({@code userId}), so it can never do more than that member may do now, and only what its scopes allow.
 */
public record ApiKeyPrincipal(UUID keyId, String prefix, UUID workspaceId, UUID userId, Set<String> scopes)
        implements TenantPrincipal, Principal {

    @Override
    public String getName() {
        return "api-key:" + keyId;
    }

    /** Audit rows written during the request name the key. */
    @Override
    public String actorLabel() {
        return "api_key:" + keyId;
    }
}
