package io.crmflow.records;

import io.crmflow.notes.Markdown;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One paginated feed per record, newest first: its changes (from the audit log) and its notes. Later modules
 * (emails, activities, deals, files) add their rows as further branches of the same UNION, keyed by (at, id).
 */
@Component
public class Timeline {

    /** A feed entry: {@code type} is {@code change} (with {@code action} and {@code changes}) or {@code note}. */
    public record Item(
            String type,
            UUID id,
            Instant at,
            @Nullable UUID actorId,
            @Nullable String actorName,
            @Nullable String action,
            @Nullable Object changes,
            @Nullable String body,
            @Nullable String html) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Timeline(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The feed of a {@code contact} or {@code company}; {@code type} narrows it to {@code change} or {@code note}.
     * The caller has checked the record is visible.
     */
    public CursorPage<Item> of(String entity, UUID id, @Nullable String type, @Nullable Cursor cursor, int limit) {
        if (type != null && !List.of("change", "note").contains(type)) {
            throw ApiProblem.invalid("type", "must be change or note");
        }
        String noteColumn = entity.equals("contact") ? "contact_id" : "company_id";
        String sql = """
                select f.*, u.name as actor_name from (
                    select 'change' as type, a.id, a.occurred_at as at, a.actor_user_id as actor, a.action,
                           a.changes::text as changes, null as body
                    from audit_events a where a.entity_type = ? and a.entity_id = ?
                    union all
                    select 'note', n.id, n.created_at, n.author_id, null, null, n.body
                    from notes n where n.%s = ?
                ) f left join users u on u.id = f.actor
                where (cast(? as text) is null or f.type = ?)
                  and (cast(? as timestamptz) is null or (f.at, f.id) < (?, ?))
                order by f.at desc, f.id desc limit ?""".formatted(noteColumn);
        Timestamp at = cursor == null ? null : Timestamp.from(cursor.at());
        var rows = jdbc.sql(sql)
                .params(entity, id.toString(), id, type, type, at, at, cursor == null ? null : cursor.id(), limit + 1)
                .query((rs, n) -> {
                    String changes = rs.getString("changes");
                    String body = rs.getString("body");
                    return new Item(
                            rs.getString("type"),
                            rs.getObject("id", UUID.class),
                            rs.getTimestamp("at").toInstant(),
                            rs.getObject("actor", UUID.class),
                            rs.getString("actor_name"),
                            rs.getString("action"),
                            changes == null ? null : json.readValue(changes, Object.class),
                            body,
                            body == null ? null : Markdown.toHtml(body));
                })
                .list();
        return CursorPage.of(rows, limit, i -> new Cursor(i.at(), i.id()));
    }
}
