package io.crmflow.records;

import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ApiProblem.FieldError;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk actions on one kind of record, each one set-based statement over the selected ids, undoable once
 * ({@code POST /api/v1/undo/{undoId}}): tags, owner, trash and custom fields are the same for every kind; the
 * kind supplies its standard fields, how "all matching" is listed, and its webhook events. One audit entry per
 * action with the count. The caller runs {@link #run} and {@link #undo} in its transaction.
 */
public final class BulkActions {

    /** What a bulk action answers: the id to undo it with and how many records it changed. */
    public record Done(UUID undoId, int affected) {}

    /** An update's SQL: assignments with {@code ?}, their values, and the columns it changes (for undo). */
    public record Assignment(String sql, List<@Nullable Object> values, List<String> columns) {

        /** {@code column = ?} with one value (which may be null: the field is cleared). */
        public static Assignment of(String column, @Nullable Object value) {
            var values = new ArrayList<@Nullable Object>();
            values.add(value);
            return new Assignment(column + " = ?", values, List.of(column));
        }
    }

    /** What differs between kinds of record. */
    public interface Kind {

        /** {@code contact}: audit entity, event prefix, undo entity. */
        String entity();

        /** {@code contacts}: the table, and the word in messages. */
        String table();

        /** The ids "all matching" the list parameters select, at most {@code max}. */
        List<UUID> matchingIds(Map<String, String> query, int max);

        /** The assignment setting a standard field (not {@code custom.<key>}), validated; 400 if it is not one. */
        Assignment standardField(@Nullable String field, @Nullable Object value);

        /** Publishes a {@link RecordChanged} of {@code type} for each record. */
        void publish(List<UUID> ids, String type);
    }

    private final Kind kind;
    private final CustomFields customFields;
    private final RecordAccess access;
    private final BulkSql sql;
    private final UndoLog undo;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    public BulkActions(
            Kind kind,
            CustomFields customFields,
            RecordAccess access,
            BulkSql sql,
            UndoLog undo,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.kind = kind;
        this.customFields = customFields;
        this.access = access;
        this.sql = sql;
        this.undo = undo;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public Done run(@Nullable Map<String, Object> body) {
        var request = BulkRequest.parse(body);
        Instant now = Instant.now(clock);
        UUID user = Tenancy.current().userId();
        var assignment = assignment(request, now, user);
        var ids = select(request);
        var columns = new ArrayList<>(assignment.columns());
        columns.addAll(List.of("updated_at", "updated_by"));
        String snapshot = sql.snapshot(kind.table(), columns, ids);
        int affected =
                ids.isEmpty() ? 0 : sql.update(kind.table(), assignment.sql(), assignment.values(), ids, now, user);
        UUID undoId = undo.keep("bulk", kind.entity(), request.action(), ids, snapshot);
        var changes = new LinkedHashMap<String, AuditLog.Change>();
        changes.put("count", new AuditLog.Change(null, affected));
        if (request.field() != null) {
            changes.put("field", new AuditLog.Change(null, request.field()));
        }
        if (request.tag() != null) {
            changes.put("tag", new AuditLog.Change(null, request.tag()));
        }
        if (request.ownerId() != null) {
            changes.put("ownerId", new AuditLog.Change(null, request.ownerId()));
        }
        changes.put("undoId", new AuditLog.Change(null, undoId));
        audit.record(kind.entity() + ".bulk_" + request.action(), kind.entity(), null, changes);
        kind.publish(ids, kind.entity() + (request.action().equals("delete") ? ".deleted" : ".updated"));
        return new Done(undoId, affected);
    }

    /** Puts back what a bulk action changed (the caller has claimed the undo entry). */
    public List<UUID> undo(UndoLog.Entry entry) {
        var restored = sql.restore(entry.snapshot());
        audit.record(
                kind.entity() + ".bulk_undone",
                kind.entity(),
                null,
                Map.of(
                        "count", new AuditLog.Change(null, restored.size()),
                        "undoId", new AuditLog.Change(null, entry.id()),
                        "action", new AuditLog.Change(null, entry.action())));
        kind.publish(restored, kind.entity() + ".updated");
        return restored;
    }

    private List<UUID> select(BulkRequest request) {
        if (request.ids() == null) {
            var ids = kind.matchingIds(request.query() == null ? Map.of() : request.query(), BulkRequest.MAX + 1);
            if (ids.size() > BulkRequest.MAX) {
                throw ApiProblem.invalid(
                        "query", "matches more than " + BulkRequest.MAX + " " + kind.table() + "; narrow the filter");
            }
            return ids;
        }
        String shares = kind.entity() + "_shares";
        var visible = sql.visible(
                kind.table(), request.ids(), access.tenant(), access.visibility(shares, kind.entity() + "_id"));
        if (visible.size() != request.ids().size()) {
            throw ApiProblem.notFound(kind.entity());
        }
        return request.ids();
    }

    private Assignment assignment(BulkRequest r, Instant now, @Nullable UUID user) {
        return switch (r.action()) {
            case "addTag" ->
                new Assignment(
                        "tags = case when ? = any(tags) then tags else array_append(tags, ?::text) end",
                        List.of(r.tag(), r.tag()),
                        List.of("tags"));
            case "removeTag" -> new Assignment("tags = array_remove(tags, ?::text)", List.of(r.tag()), List.of("tags"));
            case "changeOwner" -> {
                if (!access.isMember(r.ownerId())) {
                    throw ApiProblem.invalid("ownerId", "is not a member of this workspace");
                }
                yield new Assignment("owner_id = ?", List.of(r.ownerId()), List.of("owner_id"));
            }
            case "delete" -> {
                var values = new ArrayList<@Nullable Object>();
                values.add(Timestamp.from(now));
                values.add(user);
                yield new Assignment("deleted_at = ?, deleted_by = ?", values, List.of("deleted_at", "deleted_by"));
            }
            default ->
                r.field() != null && r.field().startsWith("custom.")
                        ? customField(r.field().substring("custom.".length()), r.value())
                        : kind.standardField(r.field(), r.value());
        };
    }

    private Assignment customField(String key, @Nullable Object value) {
        var errors = new ArrayList<FieldError>();
        var change = new HashMap<String, @Nullable Object>();
        change.put(key, value);
        var result = customFields.validator(kind.entity()).apply(Map.of(), change, false, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        Object stored = result.get(key);
        return stored == null
                ? new Assignment("custom = custom - ?::text", List.of(key), List.of("custom"))
                : new Assignment(
                        "custom = jsonb_set(custom, array[?::text], ?::jsonb)",
                        List.of(key, json.writeValueAsString(stored)),
                        List.of("custom"));
    }
}
