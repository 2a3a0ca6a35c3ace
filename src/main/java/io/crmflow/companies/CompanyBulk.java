package io.crmflow.companies;

import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.BulkActions;
import io.crmflow.records.BulkActions.Assignment;
import io.crmflow.records.BulkSql;
import io.crmflow.records.Input;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.RecordChanged;
import io.crmflow.records.UndoLog;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Bulk actions on companies ({@link BulkActions}); a webhook event per company. */
@Service
public class CompanyBulk implements BulkActions.Kind {

    static final Map<String, String> FIELDS = Map.of("industry", "industry", "size", "size", "ownerId", "owner_id");

    private final CompanyRepository companies;
    private final Companies service;
    private final RecordAccess access;
    private final ApplicationEventPublisher events;
    private final BulkActions actions;

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
        this.access = access;
        this.events = events;
        this.actions = new BulkActions(this, customFields, access, sql, undo, audit, json, clock);
    }

    @Transactional
    public BulkActions.Done run(@Nullable Map<String, Object> body) {
        return actions.run(body);
    }

    /** Puts back what a bulk action changed (the caller has claimed the undo entry). */
    @Transactional
    public List<UUID> undo(UndoLog.Entry entry) {
        return actions.undo(entry);
    }

    @Override
    public String entity() {
        return "company";
    }

    @Override
    public String table() {
        return "companies";
    }

    @Override
    public List<UUID> matchingIds(Map<String, String> query, int max) {
        return service.matchingIds(query, max);
    }

    @Override
    public Assignment standardField(@Nullable String field, @Nullable Object value) {
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
        return Assignment.of(column, v);
    }

    @Override
    public void publish(List<UUID> ids, String type) {
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
}
