package io.crmflow.contacts;

import io.crmflow.companies.Companies;
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

/**
 * Bulk actions on contacts ({@link BulkActions}); a webhook event per contact. Changing the company in bulk does
 * not record past companies (a single edit does).
 */
@Service
public class ContactBulk implements BulkActions.Kind {

    static final Map<String, String> FIELDS = Map.of(
            "jobTitle", "job_title",
            "companyId", "company_id",
            "ownerId", "owner_id",
            "source", "source",
            "lifecycleStage", "lifecycle_stage");

    private final ContactRepository contacts;
    private final Contacts service;
    private final Companies companies;
    private final RecordAccess access;
    private final ApplicationEventPublisher events;
    private final BulkActions actions;

    ContactBulk(
            ContactRepository contacts,
            Contacts service,
            Companies companies,
            CustomFields customFields,
            RecordAccess access,
            BulkSql sql,
            UndoLog undo,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.contacts = contacts;
        this.service = service;
        this.companies = companies;
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
        return "contact";
    }

    @Override
    public String table() {
        return "contacts";
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
            case "jobTitle", "source" -> in.text(field, 200);
            case "lifecycleStage" -> in.choice(field, Contacts.STAGES);
            default -> in.id(field);
        };
        if (v instanceof UUID id && field.equals("companyId") && !companies.exists(id)) {
            in.error(field, "no such company");
        }
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
        contacts.jdbc()
                .sql("select " + ContactRepository.COLUMNS + " from contacts r where r.id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(contacts::map)
                .list()
                .forEach(c -> events.publishEvent(new RecordChanged(type, c.id(), service.describe(c))));
    }
}
