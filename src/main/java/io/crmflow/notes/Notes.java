package io.crmflow.notes;

import io.crmflow.notifications.Notifications;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.shared.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes on a contact or a company, and comments on notes (a note with a parent). The caller checks that the record
 * is visible to the user first. Mentioned members ({@code @[Name](user-id)}) are notified in-app; only the author
 * (or an OWNER/ADMIN) edits or deletes a note.
 */
@Service
public class Notes {

    /** What a note is attached to. */
    public record Target(String kind, UUID id) {
        public static Target contact(UUID id) {
            return new Target("contact", id);
        }

        public static Target company(UUID id) {
            return new Target("company", id);
        }

        String column() {
            return kind.equals("contact") ? "contact_id" : "company_id";
        }

        String link() {
            return (kind.equals("contact") ? "/contacts/" : "/companies/") + id;
        }
    }

    private static final String COLUMNS =
            "id, contact_id, company_id, parent_id, body, author_id, mentions, created_at, updated_at";

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;

    Notes(JdbcClient jdbc, Notifications notifications, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public NoteView add(Target target, @Nullable String body, @Nullable UUID parentId) {
        String text = body(body);
        if (parentId != null) {
            var parent = find(parentId);
            if (!target.id().equals(target.kind().equals("contact") ? parent.contactId() : parent.companyId())) {
                throw ApiProblem.invalid("parentId", "is not a note of this record");
            }
        }
        List<UUID> mentions = mentions(text);
        UUID id = Ids.newId();
        Instant now = Instant.now(clock);
        UUID author = Tenancy.current().userId();
        jdbc.sql("insert into notes (tenant_id, id, " + target.column()
                        + ", parent_id, body, author_id, mentions, created_at, updated_at)"
                        + " values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        target.id(),
                        parentId,
                        text,
                        author,
                        mentions.toArray(UUID[]::new),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        for (UUID member : mentions) {
            if (!member.equals(author)) {
                notifications.notify(
                        member, "note.mention", "You were mentioned in a note", excerpt(text), target.link());
            }
        }
        audit.record("note.created", target.kind(), target.id(), Map.of("note", new AuditLog.Change(null, id)));
        return find(id);
    }

    @Transactional(readOnly = true)
    public CursorPage<NoteView> list(Target target, @Nullable Cursor cursor, int limit) {
        var rows = jdbc.sql("select " + COLUMNS + " from notes where " + target.column() + " = ?"
                        + " and (cast(? as timestamptz) is null or (created_at, id) < (?, ?))"
                        + " order by created_at desc, id desc limit ?")
                .params(
                        target.id(),
                        cursor == null ? null : Timestamp.from(cursor.at()),
                        cursor == null ? null : Timestamp.from(cursor.at()),
                        cursor == null ? null : cursor.id(),
                        limit + 1)
                .query(this::map)
                .list();
        return CursorPage.of(rows, limit, n -> new Cursor(n.createdAt(), n.id()));
    }

    /** One note, for its author or an admin (others read notes through the record's timeline). */
    @Transactional(readOnly = true)
    public NoteView get(UUID id) {
        return mine(id);
    }

    @Transactional
    public NoteView update(UUID id, @Nullable String body) {
        var note = mine(id);
        String text = body(body);
        List<UUID> mentions = mentions(text);
        jdbc.sql("update notes set body = ?, mentions = ?, updated_at = ? where id = ?")
                .params(text, mentions.toArray(UUID[]::new), Timestamp.from(Instant.now(clock)), id)
                .update();
        for (UUID member : mentions) {
            if (!note.mentions().contains(member)
                    && !member.equals(Tenancy.current().userId())) {
                notifications.notify(
                        member,
                        "note.mention",
                        "You were mentioned in a note",
                        excerpt(text),
                        (note.contactId() != null
                                ? "/contacts/" + note.contactId()
                                : "/companies/" + note.companyId()));
            }
        }
        audit.record("note.updated", "note", id, Map.of("body", new AuditLog.Change(note.body(), text)));
        return find(id);
    }

    @Transactional
    public void delete(UUID id) {
        var note = mine(id);
        jdbc.sql("delete from notes where id = ?").param(id).update();
        audit.record("note.deleted", "note", id, Map.of("body", new AuditLog.Change(note.body(), null)));
    }

    /** Moves every note of one record to another (merges) and says which notes moved. */
    @Transactional
    public List<UUID> move(Target from, Target to) {
        return jdbc.sql("update notes set " + to.column() + " = ? where " + from.column() + " = ? returning id")
                .params(to.id(), from.id())
                .query(UUID.class)
                .list();
    }

    /** Puts notes back on a record (undoing a merge). */
    @Transactional
    public void moveBack(List<UUID> notes, Target to) {
        jdbc.sql("update notes set " + to.column() + " = ? where id = any(?)")
                .params(to.id(), notes.toArray(UUID[]::new))
                .update();
    }

    private NoteView mine(UUID id) {
        var note = find(id);
        UUID user = Tenancy.current().userId();
        boolean manager = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(a -> a.equals("ROLE_OWNER") || a.equals("ROLE_ADMIN"));
        if (!manager && (user == null || !user.equals(note.authorId()))) {
            throw ApiProblem.forbidden("not_note_author", "Only the author (or an admin) may change this note");
        }
        return note;
    }

    private NoteView find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from notes where id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("note"));
    }

    /** Mentioned users who are members of this workspace (others are left as plain text). */
    private List<UUID> mentions(String body) {
        var ids = new LinkedHashSet<UUID>();
        var m = Markdown.MENTION.matcher(body);
        while (m.find() && ids.size() < 50) {
            try {
                ids.add(UUID.fromString(m.group(2)));
            } catch (IllegalArgumentException e) {
                // not an id: plain text
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        "select user_id from memberships where tenant_id = nullif(current_setting('app.tenant_id', true),"
                                + " '')::uuid and user_id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    private static String body(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.invalid("body", "is required");
        }
        if (body.length() > 20000) {
            throw ApiProblem.invalid("body", "must be at most 20000 characters");
        }
        return body.strip();
    }

    private static String excerpt(String body) {
        String plain = Markdown.MENTION.matcher(body).replaceAll("@$1");
        return plain.length() > 200 ? plain.substring(0, 200) + "…" : plain;
    }

    NoteView map(ResultSet rs, int n) throws SQLException {
        String body = rs.getString("body");
        return new NoteView(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getObject("company_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                body,
                Markdown.toHtml(body),
                rs.getObject("author_id", UUID.class),
                Arrays.asList((UUID[]) rs.getArray("mentions").getArray()),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
