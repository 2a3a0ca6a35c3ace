package io.crmflow.companies;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.MergeRequest;
import io.crmflow.records.RecordChanged;
import io.crmflow.records.UndoLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * Merges 2–5 companies into a survivor and undoes it (30 days, once): the merged companies' contacts, child
 * companies, notes and past-company links move to the survivor, shares are copied; merged companies are marked
 * {@code merged_into} and trashed. The snapshot keeps every row as it was, so undo puts back exactly that.
 */
@Service
public class CompanyMerges {

    static final Set<String> FIELDS = Set.of(
            "name",
            "domain",
            "industry",
            "size",
            "annualRevenue",
            "currency",
            "address",
            "phone",
            "website",
            "ownerId",
            "parentId",
            "tags",
            "customFields",
            "externalId");

    private final CompanyRepository companies;
    private final CompanyMergeSql sql;
    private final Companies service;
    private final UndoLog undo;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    CompanyMerges(
            CompanyRepository companies,
            CompanyMergeSql sql,
            Companies service,
            UndoLog undo,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.companies = companies;
        this.sql = sql;
        this.service = service;
        this.undo = undo;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    public record Merged(UUID mergeId, CompanyView survivor, List<UUID> mergedIds) {}

    @Transactional
    public Merged merge(@Nullable Map<String, Object> body) {
        var request = MergeRequest.parse(body, FIELDS);
        var all = request.allIds();
        sql.lock(all);
        var survivor = service.visible(request.survivorId(), false);
        var merged = request.mergedIds().stream()
                .map(id -> service.visible(id, false))
                .toList();
        Instant now = Instant.now(clock);
        UUID user = Tenancy.current().userId();

        var snapshot = new LinkedHashMap<String, Object>();
        snapshot.put("companies", sql.rows(all));
        snapshot.put("contacts", sql.contactsOf(request.mergedIds()));
        snapshot.put("children", sql.childrenOf(request.mergedIds(), all));
        snapshot.put("notes", sql.notesOf(request.mergedIds()));
        snapshot.put("pastCompanies", sql.pastCompanyRowsOf(request.mergedIds()));
        var after = combine(request, survivor, merged, now, user);

        sql.markMerged(request.mergedIds(), survivor.id(), now, user);
        companies.update(after);
        sql.moveLinks(request.mergedIds(), survivor.id(), all);
        if (sql.loops(survivor.id())) {
            throw ApiProblem.invalid("fields.parentId", "the survivor would become its own ancestor");
        }
        snapshot.put("addedShares", sql.copyShares(request.mergedIds(), survivor.id()));
        snapshot.put("addedPastCompanies", sql.movePastCompanies(request.mergedIds(), survivor.id()));
        UUID mergeId = undo.keep("merge", "company", "merge", all, json.writeValueAsString(snapshot));

        var changes = new LinkedHashMap<>(AuditLog.diff(service.describe(survivor), service.describe(after)));
        changes.remove("updatedAt");
        changes.put("mergedIds", new AuditLog.Change(null, request.mergedIds()));
        changes.put("mergeId", new AuditLog.Change(null, mergeId));
        audit.record("company.merged", "company", survivor.id(), changes);
        for (UUID id : request.mergedIds()) {
            audit.record(
                    "company.merged_into",
                    "company",
                    id,
                    Map.of("mergedInto", new AuditLog.Change(null, survivor.id())));
        }
        events.publishEvent(new RecordChanged(
                "company.merged",
                survivor.id(),
                Map.of(
                        "survivorId",
                        survivor.id().toString(),
                        "mergedIds",
                        request.mergedIds().stream().map(UUID::toString).toList())));
        return new Merged(mergeId, after, request.mergedIds());
    }

    private static CompanyView combine(
            MergeRequest r, CompanyView s, List<CompanyView> m, Instant now, @Nullable UUID user) {
        UUID parent = r.pick("parentId", s, m, CompanyView::id, CompanyView::parentId);
        // a parent among the merged records would be the survivor itself: climb to that record's own parent
        for (int hops = 0; parent != null && r.allIds().contains(parent); hops++) {
            UUID within = parent;
            parent = hops > 5
                    ? null
                    : all(s, m).stream()
                            .filter(c -> c.id().equals(within))
                            .findFirst()
                            .map(CompanyView::parentId)
                            .orElse(null);
        }
        BigDecimal revenue = r.pick("annualRevenue", s, m, CompanyView::id, CompanyView::annualRevenue);
        // a revenue and its currency belong together: the currency comes from the record the revenue came from
        String currencyField = r.fields().containsKey("currency") ? "currency" : "annualRevenue";
        UUID revenueFrom = revenueSource(r, s, m, revenue);
        String currency = r.fields().containsKey("currency") || revenueFrom == null
                ? r.pick(currencyField, s, m, CompanyView::id, CompanyView::currency)
                : all(s, m).stream()
                        .filter(c -> c.id().equals(revenueFrom))
                        .findFirst()
                        .map(CompanyView::currency)
                        .orElse(null);
        Map<String, Object> address = r.pick("address", s, m, CompanyView::id, CompanyView::address);
        return new CompanyView(
                s.id(),
                r.pick("name", s, m, CompanyView::id, CompanyView::name),
                r.pick("domain", s, m, CompanyView::id, CompanyView::domain),
                r.pick("industry", s, m, CompanyView::id, CompanyView::industry),
                r.pick("size", s, m, CompanyView::id, CompanyView::size),
                revenue,
                currency,
                address == null ? Map.of() : address,
                r.pick("phone", s, m, CompanyView::id, CompanyView::phone),
                r.pick("website", s, m, CompanyView::id, CompanyView::website),
                r.pick("ownerId", s, m, CompanyView::id, CompanyView::ownerId),
                parent,
                r.union("tags", s, m, CompanyView::id, CompanyView::tags, 100),
                r.custom(s, m, CompanyView::id, CompanyView::customFields),
                r.pick("externalId", s, m, CompanyView::id, CompanyView::externalId),
                s.enrichment(),
                s.createdAt(),
                s.createdBy(),
                now,
                user,
                null);
    }

    private static @Nullable UUID revenueSource(
            MergeRequest r, CompanyView s, List<CompanyView> m, @Nullable BigDecimal revenue) {
        if (revenue == null) {
            return null;
        }
        if (r.fields().containsKey("annualRevenue")) {
            return r.fields().get("annualRevenue");
        }
        return all(s, m).stream()
                .filter(c -> revenue.equals(c.annualRevenue()))
                .findFirst()
                .map(CompanyView::id)
                .orElse(null);
    }

    private static List<CompanyView> all(CompanyView s, List<CompanyView> m) {
        var all = new ArrayList<CompanyView>();
        all.add(s);
        all.addAll(m);
        return all;
    }

    /** Puts back what a company merge changed (the caller has claimed the undo entry). */
    @Transactional
    public List<UUID> undo(UUID survivorId, String snapshotJson) {
        var snapshot = json.readTree(snapshotJson);
        if (sql.trashed(survivorId)) {
            throw ApiProblem.conflict(
                    "survivor_gone",
                    "The surviving company is in the trash or merged into another; restore or un-merge it first");
        }
        String rows = snapshot.get("companies").toString();
        if (sql.existing(rows) != snapshot.get("companies").size()) {
            throw ApiProblem.conflict(
                    "cannot_undo", "A company of this merge was purged since; the merge cannot be undone");
        }
        sql.restoreRows(rows, survivorId, true);
        sql.restoreRows(rows, survivorId, false);
        sql.restoreLinks(snapshot, survivorId);
        var restored = new ArrayList<UUID>();
        snapshot.get("companies")
                .forEach(c -> restored.add(UUID.fromString(c.get("id").asString())));
        audit.record(
                "company.merge_undone",
                "company",
                survivorId,
                Map.of(
                        "restoredIds",
                        new AuditLog.Change(
                                null, restored.stream().map(UUID::toString).toList())));
        for (UUID id : restored) {
            companies
                    .find(id, true)
                    .ifPresent(c -> events.publishEvent(new RecordChanged("company.updated", id, service.describe(c))));
        }
        return restored;
    }
}
