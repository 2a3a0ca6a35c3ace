package io.crmflow.companies;

import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ApiProblem.FieldError;
import io.crmflow.records.BulkRequest;
import io.crmflow.records.BulkSql;
import io.crmflow.records.Input;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.RecordChanged;
import io.crmflow.records.UndoLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk actions on companies, each one set-based statement over the selected ids, undoable once
 * ({@code POST /api/v1/undo/{undoId}}). One audit entry per action with the count; a webhook event per company.
 */
@Service
public class CompanyBulk {

    static final Map<String, String> FIELDS = Map.of("industry", "industry", "size", "size", "ownerId", "owner_id");

    private final CompanyRepository companies;
    private final Companies service;
    private final CustomFields customFields;
    private final RecordAccess access;
    private final BulkSql sql;
    private final UndoLog undo;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    CompanyBulk(
            CompanyRepository companies,
            Companies service,
            CustomFields customFields,
            RecordAccess access,
            BulkSql sql,
            UndoLog undo,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.companies = companies;
        this.service = service;
        this.customFields = customFields;
        this.access = access;
        this.sql = sql;
        this.undo = undo;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** What a bulk action answers: the id to undo it with and how many companies it changed. */
    public record Done(UUID undoId, int affected) {}

    /** An update's SQL: assignments with {@code ?}, their values, and the columns it changes (for undo). */
    record Assignment(String sql, List<@Nullable Object> values, List<String> columns) {}

    @Transactional
    public Done run(@Nullable Map<String, Object> body) {
        var request = BulkRequest.parse(body);
        Instant now = Instant.now(clock);
        UUID user = Tenancy.current().userId();
        var assignment = assignment(request, now, user);
        var ids = select(request);
        var columns = new ArrayList<>(assignment.columns());
        columns.addAll(List.of("updated_at", "updated_by"));
        String snapshot = sql.snapshot("companies", columns, ids);
        int affected =
                ids.isEmpty() ? 0 : sql.update("companies", assignment.sql(), assignment.values(), ids, now, user);
        UUID undoId = undo.keep("bulk", "company", request.action(), ids, snapshot);
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
        audit.record("company.bulk_" + request.action(), "company", null, changes);
        publish(ids, request.action().equals("delete") ? "company.deleted" : "company.updated");
        return new Done(undoId, affected);
    }

    private List<UUID> select(BulkRequest request) {
        if (request.ids() == null) {
            var ids = service.matchingIds(request.query() == null ? Map.of() : request.query(), BulkRequest.MAX + 1);
            if (ids.size() > BulkRequest.MAX) {
                throw ApiProblem.invalid(
                        "query", "matches more than " + BulkRequest.MAX + " companies; narrow the filter");
            }
            return ids;
        }
        var visible = sql.visible(
                "companies", request.ids(), access.tenant(), access.visibility("company_shares", "company_id"));
        if (visible.size() != request.ids().size()) {
            throw ApiProblem.notFound("company");
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
            default -> update(r.field(), r.value());
        };
    }

    private Assignment update(@Nullable String field, @Nullable Object value) {
        if (field != null && field.startsWith("custom.")) {
            String key = field.substring("custom.".length());
            var errors = new ArrayList<FieldError>();
            var change = new HashMap<String, @Nullable Object>();
            change.put(key, value);
            var result = customFields.validator("company").apply(Map.of(), change, false, errors);
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
        String column = field == null ? null : FIELDS.get(field);
        if (column == null) {
            throw ApiProblem.invalid("field", "must be one of " + FIELDS.keySet() + " or custom.<key>");
        }
        var body = new HashMap<String, @Nullable Object>();
        body.put(field, value);
        var in = new Input(body, Set.of(field));
        Object v = switch (field) {
            case "industry" -> in.text(field, 200);
            case "size" -> in.choice(field, Companies.SIZES);
            default -> in.id(field);
        };
        if (v instanceof UUID id && field.equals("ownerId") && !access.isMember(id)) {
            in.error(field, "is not a member of this workspace");
        }
        in.check();
        var values = new ArrayList<@Nullable Object>();
        values.add(v);
        return new Assignment(column + " = ?", values, List.of(column));
    }

    private void publish(List<UUID> ids, String type) {
        if (ids.isEmpty()) {
            return;
        }
        companies
                .jdbc()
                .sql("select " + CompanyRepository.COLUMNS + " from companies r where r.id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(companies::map)
                .list()
                .forEach(c -> events.publishEvent(new RecordChanged(type, c.id(), service.describe(c))));
    }

    /** Puts back what a bulk action changed (the caller has claimed the undo entry). */
    @Transactional
    public List<UUID> undo(UndoLog.Entry entry) {
        var restored = sql.restore(entry.snapshot());
        audit.record(
                "company.bulk_undone",
                "company",
                null,
                Map.of(
                        "count", new AuditLog.Change(null, restored.size()),
                        "undoId", new AuditLog.Change(null, entry.id()),
                        "action", new AuditLog.Change(null, entry.action())));
        publish(restored, "company.updated");
        return restored;
    }
}
