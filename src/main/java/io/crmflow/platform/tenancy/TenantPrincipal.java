package io.crmflow.platform.tenancy;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the platform needs of a signed-in principal: who it is and which workspace it currently works in. */
public interface TenantPrincipal {

    UUID userId();

    /** The workspace the principal works in, or null before one is chosen. */
    @Nullable
    UUID workspaceId();

    /** How audit rows name this principal beside its user, e.g. the API key it signed in with; null for none. */
    default @Nullable String actorLabel() {
        return null;
    }
}
