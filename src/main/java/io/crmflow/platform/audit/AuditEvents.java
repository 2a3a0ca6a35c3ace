package io.crmflow.platform.audit;

import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the current workspace's audit log, newest first, keyset-paginated. */
@Component
public class AuditEvents {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Filters; every one optional. */
    public record Filter(
            @Nullable String action,
            @Nullable String entityType,
            @Nullable String entityId,
            @Nullable UUID actorId,
            @Nullable Instant from,
            @Nullable Instant to) {}

    /** One audit row as shown to admins. */
    public record AuditEventView(
            UUID id,
            Instant occurredAt,
            @Nullable UUID actorId,
            @Nullable String actorEmail,
            @Nullable String actorLabel,
            String action,
            String entityType,
            @Nullable String entityId,
            JsonNode changes,
            @Nullable String ip,
            @Nullable String userAgent,
            @Nullable String requestId) {}

    @Transactional(readOnly = true)
    public CursorPage<AuditEventView> list(Filter filter, @Nullable Cursor cursor, int limit) {
        var sql = new StringBuilder("""
                select e.id, e.occurred_at, e.actor_user_id, u.email, e.actor_label, e.action, e.entity_type, e.entity_id,
                       e.changes::text as changes, e.ip, e.user_agent, e.request_id
                from audit_events e left join users u on u.id = e.actor_user_id
                where true
                """);
        List<Object> params = new ArrayList<>();
        condition(sql, params, "e.action = ?", filter.action());
        condition(sql, params, "e.entity_type = ?", filter.entityType());
        condition(sql, params, "e.entity_id = ?", filter.entityId());
        condition(sql, params, "e.actor_user_id = ?", filter.actorId());
        condition(sql, params, "e.occurred_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
        condition(sql, params, "e.occurred_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
        if (cursor != null) {
            sql.append(" and (e.occurred_at, e.id) < (?, ?)");
            params.add(Timestamp.from(cursor.at()));
            params.add(cursor.id());
        }
        sql.append(" order by e.occurred_at desc, e.id desc limit ?");
        params.add(limit + 1);
        List<AuditEventView> rows =
                jdbc.sql(sql.toString()).params(params).query(this::map).list();
        return CursorPage.of(rows, limit, e -> new Cursor(e.occurredAt(), e.id()));
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, @Nullable Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            sql.append(" and ").append(clause);
            params.add(value);
        }
    }

    private AuditEventView map(ResultSet rs, int row) throws SQLException {
        return new AuditEventView(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("actor_user_id", UUID.class),
                rs.getString("email"),
                rs.getString("actor_label"),
                rs.getString("action"),
                rs.getString("entity_type"),
                rs.getString("entity_id"),
                json.readTree(rs.getString("changes")),
                rs.getString("ip"),
                rs.getString("user_agent"),
                rs.getString("request_id"));
    }
}
