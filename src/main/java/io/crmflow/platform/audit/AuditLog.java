package io.crmflow.platform.audit;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.tenancy.TenantPrincipal;
import io.crmflow.platform.web.RequestInfo;
import io.crmflow.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows into the current workspace, in the caller's transaction: if the change rolls back, so does its
 * audit row. Who (the user, and the API key when one was used), from where and which request are taken from the
 * request being served.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A field's value before and after a change; null where it did not exist. */
    public record Change(@Nullable Object before, @Nullable Object after) {}

    /** Records an action by the signed-in user on an entity. */
    @Transactional
    public void record(String action, String entityType, @Nullable Object entityId, Map<String, Change> changes) {
        recordBy(Tenancy.current().userId(), action, entityType, entityId, changes);
    }

    /** Records an action by a named actor (or none, for the system or an unknown caller). */
    @Transactional
    public void recordBy(
            @Nullable UUID actor,
            String action,
            String entityType,
            @Nullable Object entityId,
            Map<String, Change> changes) {
        RequestInfo request = RequestInfo.current();
        jdbc.sql("""
                insert into audit_events (tenant_id, id, occurred_at, actor_user_id, actor_label, action, entity_type,
                                          entity_id, changes, ip, user_agent, request_id)
                values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?,
                        ?)
                """)
                .params(
                        Ids.newId(),
                        java.sql.Timestamp.from(Instant.now(clock)),
                        actor,
                        actorLabel(),
                        action,
                        entityType,
                        entityId == null ? null : entityId.toString(),
                        json.writeValueAsString(changes),
                        request.ip(),
                        request.userAgent(),
                        request.requestId())
                .update();
    }

    /** Who acted beside the user, from the principal of the request: e.g. the API key it was made with. */
    private static @Nullable String actorLabel() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof TenantPrincipal principal
                ? principal.actorLabel()
                : null;
    }

    /** The fields whose values differ between two snapshots of an entity. */
    public static Map<String, Change> diff(Map<String, ?> before, Map<String, ?> after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String field : after.keySet()) {
            if (!Objects.equals(before.get(field), after.get(field))) {
                changes.put(field, new Change(before.get(field), after.get(field)));
            }
        }
        for (String field : before.keySet()) {
            if (!after.containsKey(field)) {
                changes.put(field, new Change(before.get(field), null));
            }
        }
        return changes;
    }

    /** Every field of a new entity, as created. */
    public static Map<String, Change> created(Map<String, ?> values) {
        return diff(Map.of(), values);
    }
}
