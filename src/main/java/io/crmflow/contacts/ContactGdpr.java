package io.crmflow.contacts;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.RecordChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GDPR for one contact, for workspace OWNERs and ADMINs: export everything stored about them as JSON, and erase
 * them — a hard delete of the contact, the records merged into it, their notes, shares, past companies, custom
 * values, "not a duplicate" marks and undo snapshots naming them; their earlier audit entries keep who/what/when
 * but their changes are blanked ({@code crm_redact_contact_audit}); the new audit entry holds only the id.
 */
@Service
public class ContactGdpr {

    private final ContactRepository contacts;
    private final Contacts service;
    private final RecordAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ContactGdpr(
            ContactRepository contacts,
            Contacts service,
            RecordAccess access,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.contacts = contacts;
        this.service = service;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Everything about the contact (also from the trash): fields, notes, past companies, shares, merged records,
     * audit timeline. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(UUID id) {
        var contact = adminSees(id);
        var out = new LinkedHashMap<String, Object>();
        out.put("exportedAt", Instant.now(clock).toString());
        out.put("contact", service.describe(contact));
        out.put("notes", rows("""
                select id, parent_id, body, author_id, mentions, created_at, updated_at from notes
                where contact_id = ? order by created_at, id""", id));
        out.put("pastCompanies", contacts.pastCompanies(id));
        out.put("sharedWith", rows("select user_id from contact_shares where contact_id = ? order by user_id", id));
        out.put(
                "mergedRecords",
                contacts
                        .jdbc()
                        .sql("select " + ContactRepository.COLUMNS + " from contacts r where r.merged_into = ?")
                        .param(id)
                        .query(contacts::map)
                        .list()
                        .stream()
                        .map(service::describe)
                        .toList());
        out.put("auditTrail", rows("""
                select occurred_at, action, actor_user_id, actor_label, changes from audit_events
                where entity_type = 'contact' and entity_id = ?::text order by occurred_at, id""", id));
        return out;
    }

    private List<Map<String, Object>> rows(String sql, UUID id) {
        String rows = contacts.jdbc()
                .sql("select coalesce(jsonb_agg(to_jsonb(x)), '[]') from (" + sql + ") x")
                .param(id)
                .query(String.class)
                .single();
        return json.readValue(rows, new TypeReference<List<Map<String, Object>>>() {});
    }

    /** Erases the contact for good ({@code {confirm: true}} required); undo is not possible. */
    @Transactional
    public void erase(UUID id, @Nullable Object confirm) {
        adminSees(id);
        if (!Boolean.TRUE.equals(confirm)) {
            throw ApiProblem.invalid("confirm", "must be true: erasing cannot be undone");
        }
        var jdbc = contacts.jdbc();
        List<UUID> merged = jdbc.sql("select id from contacts where merged_into = ?")
                .param(id)
                .query(UUID.class)
                .list();
        var all = new java.util.ArrayList<UUID>(merged);
        all.add(id);
        var ids = all.toArray(UUID[]::new);
        jdbc.sql("delete from record_undo where record_ids && ?").param(ids).update();
        jdbc.sql("delete from duplicate_ignores where entity = 'contact' and (a_id = any(?) or b_id = any(?))")
                .params(ids, ids)
                .update();
        jdbc.sql("delete from contacts where id = any(?)").param(ids).update();
        for (UUID erased : all) {
            jdbc.sql("select crm_redact_contact_audit(?)")
                    .param(erased.toString())
                    .query(Integer.class)
                    .single();
        }
        audit.record("contact.erased", "contact", id, Map.of());
        events.publishEvent(new RecordChanged("contact.deleted", id, Map.of("id", id.toString(), "erased", true)));
    }

    private ContactView adminSees(UUID id) {
        var contact = service.visible(id, true);
        if (!access.seesAll()) {
            throw ApiProblem.forbidden("admins_only", "Only owners and admins export or erase a contact's data");
        }
        return contact;
    }
}
