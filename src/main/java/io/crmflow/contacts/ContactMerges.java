package io.crmflow.contacts;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.MergeRequest;
import io.crmflow.records.RecordChanged;
import io.crmflow.records.UndoLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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
 * Merges 2–5 contacts into a survivor and undoes merges (within 30 days, once). The merged contacts stay as rows
 * marked {@code merged_into} and trashed; their notes move to the survivor, their shares and past companies are
 * copied to it. The undo snapshot holds every contact row as it was and what moved, so undo puts back exactly
 * that (later edits of the survivor are overwritten by the undo).
 */
@Service
public class ContactMerges {

    static final Set<String> FIELDS = Set.of(
            "firstName",
            "lastName",
            "email",
            "emails",
            "phone",
            "phones",
            "jobTitle",
            "companyId",
            "ownerId",
            "tags",
            "address",
            "source",
            "lifecycleStage",
            "consent",
            "customFields",
            "externalId");

    private final ContactRepository contacts;
    private final ContactMergeSql sql;
    private final Contacts service;
    private final UndoLog undo;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ContactMerges(
            ContactRepository contacts,
            ContactMergeSql sql,
            Contacts service,
            UndoLog undo,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.contacts = contacts;
        this.sql = sql;
        this.service = service;
        this.undo = undo;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** What a merge answers: the undo id (for {@code POST /api/v1/merges/{id}/undo}) and the survivor. */
    public record Merged(UUID mergeId, ContactView survivor, List<UUID> mergedIds) {}

    @Transactional
    public Merged merge(@Nullable Map<String, Object> body) {
        var request = MergeRequest.parse(body, FIELDS);
        sql.lock(request.allIds());
        var survivor = service.visible(request.survivorId(), false);
        var merged = request.mergedIds().stream()
                .map(id -> service.visible(id, false))
                .toList();
        Instant now = Instant.now(clock);
        UUID user = Tenancy.current().userId();

        var snapshot = new LinkedHashMap<String, Object>();
        snapshot.put("contacts", sql.rows(request.allIds()));
        snapshot.put("notes", sql.notesOf(request.mergedIds()));
        var after = combine(request, survivor, merged, now, user);

        sql.markMerged(request.mergedIds(), survivor.id(), now, user);
        contacts.update(after);
        sql.moveNotes(request.mergedIds(), survivor.id());
        snapshot.put("addedShares", sql.copyShares(request.mergedIds(), survivor.id()));
        snapshot.put("addedPastCompanies", sql.copyPastCompanies(request.mergedIds(), survivor.id()));
        UUID mergeId = undo.keep("merge", "contact", "merge", request.allIds(), json.writeValueAsString(snapshot));

        var changes = new LinkedHashMap<>(AuditLog.diff(service.describe(survivor), service.describe(after)));
        changes.remove("updatedAt");
        changes.put("mergedIds", new AuditLog.Change(null, request.mergedIds()));
        changes.put("mergeId", new AuditLog.Change(null, mergeId));
        audit.record("contact.merged", "contact", survivor.id(), changes);
        for (UUID id : request.mergedIds()) {
            audit.record(
                    "contact.merged_into",
                    "contact",
                    id,
                    Map.of("mergedInto", new AuditLog.Change(null, survivor.id())));
        }
        events.publishEvent(new RecordChanged(
                "contact.merged",
                survivor.id(),
                Map.of("survivorId", survivor.id().toString(), "mergedIds", ids(request.mergedIds()))));
        return new Merged(mergeId, after, request.mergedIds());
    }

    private static ContactView combine(
            MergeRequest r, ContactView s, List<ContactView> m, Instant now, @Nullable UUID user) {
        var emails = r.union("emails", s, m, ContactView::id, ContactView::emails, 20);
        String primaryEmail =
                r.fields().containsKey("email") ? r.pick("email", s, m, ContactView::id, ContactView::email) : null;
        emails = primaryFirst(emails, primaryEmail);
        var phones = r.union("phones", s, m, ContactView::id, ContactView::phones, 20);
        String primaryPhone =
                r.fields().containsKey("phone") ? r.pick("phone", s, m, ContactView::id, ContactView::phone) : null;
        phones = primaryFirst(phones, primaryPhone);
        Map<String, Object> address = r.pick("address", s, m, ContactView::id, ContactView::address);
        Map<String, Object> consent = r.pick("consent", s, m, ContactView::id, ContactView::consent);
        List<String> tags = r.union("tags", s, m, ContactView::id, ContactView::tags, 100);
        return new ContactView(
                s.id(),
                r.pick("firstName", s, m, ContactView::id, ContactView::firstName),
                r.pick("lastName", s, m, ContactView::id, ContactView::lastName),
                emails.isEmpty() ? null : emails.getFirst(),
                emails,
                phones.isEmpty() ? null : phones.getFirst(),
                phones,
                r.pick("jobTitle", s, m, ContactView::id, ContactView::jobTitle),
                r.pick("companyId", s, m, ContactView::id, ContactView::companyId),
                r.pick("ownerId", s, m, ContactView::id, ContactView::ownerId),
                tags,
                address == null ? Map.of() : address,
                r.pick("source", s, m, ContactView::id, ContactView::source),
                r.pick("lifecycleStage", s, m, ContactView::id, ContactView::lifecycleStage),
                consent == null ? Map.of() : consent,
                r.custom(s, m, ContactView::id, ContactView::customFields),
                r.pick("externalId", s, m, ContactView::id, ContactView::externalId),
                s.createdAt(),
                s.createdBy(),
                now,
                user,
                null,
                null);
    }

    private static List<String> primaryFirst(List<String> values, @Nullable String primary) {
        if (primary == null || !values.contains(primary)) {
            return values;
        }
        var out = new java.util.ArrayList<String>();
        out.add(primary);
        values.stream().filter(v -> !v.equals(primary)).forEach(out::add);
        return List.copyOf(out);
    }

    /** Puts back what the merge changed (the caller has claimed the undo entry). */
    @Transactional
    public List<UUID> undo(UUID survivorId, String snapshotJson) {
        var snapshot = json.readTree(snapshotJson);
        if (sql.trashed(survivorId)) {
            throw ApiProblem.conflict(
                    "survivor_gone",
                    "The surviving contact is in the trash or merged into another; restore or un-merge it first");
        }
        String rows = snapshot.get("contacts").toString();
        if (sql.existing(rows) != snapshot.get("contacts").size()) {
            throw ApiProblem.conflict(
                    "cannot_undo", "A contact of this merge was erased or purged since; the merge cannot be undone");
        }
        sql.deleteShares(survivorId, snapshot.get("addedShares").toString());
        sql.deletePastCompanies(survivorId, snapshot.get("addedPastCompanies").toString());
        sql.restoreRows(rows, survivorId, true);
        sql.restoreRows(rows, survivorId, false);
        sql.restoreNotes(snapshot.get("notes").toString());
        var restored = new java.util.ArrayList<UUID>();
        snapshot.get("contacts")
                .forEach(c -> restored.add(UUID.fromString(c.get("id").asString())));
        audit.record(
                "contact.merge_undone",
                "contact",
                survivorId,
                Map.of("restoredIds", new AuditLog.Change(null, ids(restored))));
        for (UUID id : restored) {
            contacts.find(id, true)
                    .ifPresent(c -> events.publishEvent(new RecordChanged("contact.updated", id, service.describe(c))));
        }
        return restored;
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
