package io.crmflow.apikeys;

import io.crmflow.identity.Role;
import io.crmflow.identity.Workspaces;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.shared.Tokens;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a presented secret against PostgreSQL on every request, so that revocation and expiry hold at once on every
 * node: first the global lookup finds the key's workspace, then the key is read there, under that workspace's RLS.
 */
@Component
class ApiKeyAuthentication {

    /** The last use of a key is written at most once a minute, not on every request. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final Workspaces workspaces;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApiKeyAuthentication(
            ApiKeyRepository keys, Workspaces workspaces, PlatformTransactionManager transactions, Clock clock) {
        this.keys = keys;
        this.workspaces = workspaces;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** A key that may be used now, with the current role of the member it acts for. */
    record Authenticated(ApiKeyPrincipal principal, Role creatorRole) {}

    /**
     * The key behind a secret; empty when the secret is malformed, unknown, revoked or expired, or when the member who
     * created the key is no longer in the workspace. Must be called outside a transaction.
     */
    Optional<Authenticated> authenticate(String secret, @Nullable String ip) {
        if (!ApiKeySecrets.wellFormed(secret)) {
            return Optional.empty();
        }
        byte[] hash = Tokens.sha256(secret);
        return keys.lookup(hash)
                .flatMap(found -> Tenancy.callAs(
                        found.workspaceId(), null, () -> transactions.execute(tx -> check(found, hash, ip))));
    }

    private Optional<Authenticated> check(ApiKeyRepository.Lookup found, byte[] hash, @Nullable String ip) {
        Instant now = Instant.now(clock);
        var key = keys.find(found.keyId())
                .filter(k -> MessageDigest.isEqual(k.keyHash(), hash))
                .filter(k -> k.revokedAt() == null)
                .filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        var row = key.get();
        // the key acts for its creator: never more than they may do now, and nothing once they have left
        Optional<Role> role = workspaces.roleOf(row.createdBy(), found.workspaceId());
        if (role.isEmpty()) {
            return Optional.empty();
        }
        if (row.lastUsedAt() == null
                || row.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            keys.markUsed(row.id(), now, ip);
        }
        var principal = new ApiKeyPrincipal(
                row.id(), row.prefix(), found.workspaceId(), row.createdBy(), Set.copyOf(row.scopes()));
        return Optional.of(new Authenticated(principal, role.get()));
    }
}
