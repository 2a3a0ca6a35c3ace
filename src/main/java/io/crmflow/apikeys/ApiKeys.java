package io.crmflow.apikeys;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.shared.Ids;
import io.crmflow.shared.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current workspace's API keys, for its OWNERs and ADMINs (the web layer checks the role). The secret is given
 * out once, at creation; only its SHA-256 is stored.
 */
@Service
public class ApiKeys {

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeys(ApiKeyRepository keys, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new key as asked for; {@code expiresAt} optional and in the future. */
    public record NewKey(
            @Nullable String name,
            @Nullable List<String> scopes,
            @Nullable Instant expiresAt) {}

    /** The answer to creation: the only time {@code key} (the secret) is shown. */
    public record CreatedKey(UUID id, String name, String prefix, List<String> scopes, String key) {}

    /** A key as listed; never the secret. */
    public record ApiKeyView(
            UUID id,
            String name,
            String prefix,
            List<String> scopes,
            UUID createdBy,
            @Nullable String createdByEmail,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            @Nullable String lastUsedIp) {}

    @Transactional
    public CreatedKey create(NewKey command) {
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ApiProblem.invalid("name", "must be 1 to 100 characters");
        }
        List<String> scopes = Scopes.validate(command.scopes());
        Instant now = Instant.now(clock);
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw ApiProblem.invalid("expiresAt", "must be in the future");
        }
        var scope = Tenancy.current();
        if (scope.tenantId() == null || scope.userId() == null) {
            throw ApiProblem.forbidden("forbidden", "Your role does not allow this action");
        }
        String secret = ApiKeySecrets.newSecret();
        String prefix = ApiKeySecrets.displayPrefix(secret);
        UUID id = Ids.newId();
        keys.insert(
                scope.tenantId(),
                id,
                name,
                prefix,
                Tokens.sha256(secret),
                scopes,
                scope.userId(),
                now,
                command.expiresAt());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("prefix", prefix);
        fields.put("scopes", scopes);
        fields.put(
                "expiresAt",
                command.expiresAt() == null ? null : command.expiresAt().toString());
        audit.record("api_key.created", "api_key", id, AuditLog.created(fields));
        return new CreatedKey(id, name, prefix, scopes, secret);
    }

    @Transactional(readOnly = true)
    public CursorPage<ApiKeyView> list(@Nullable Cursor cursor, int limit) {
        var rows = keys.active(cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
        return CursorPage.of(rows, limit, r -> new Cursor(r.createdAt(), r.id()))
                .map(ApiKeys::view);
    }

    /** Revokes a key at once, on every node: the next request with it is refused. 404 outside the workspace. */
    @Transactional
    public void revoke(UUID id) {
        var key = keys.find(id).filter(k -> k.revokedAt() == null).orElseThrow(() -> ApiProblem.notFound("API key"));
        keys.revoke(id, key.keyHash(), Instant.now(clock));
        audit.record(
                "api_key.revoked",
                "api_key",
                id,
                AuditLog.diff(Map.of("name", key.name(), "prefix", key.prefix()), Map.of()));
    }

    private static ApiKeyView view(ApiKeyRepository.KeyRow row) {
        return new ApiKeyView(
                row.id(),
                row.name(),
                row.prefix(),
                row.scopes(),
                row.createdBy(),
                row.createdByEmail(),
                row.createdAt(),
                row.expiresAt(),
                row.lastUsedAt(),
                row.lastUsedIp());
    }
}
