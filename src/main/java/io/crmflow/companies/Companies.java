package io.crmflow.companies;

import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.records.Filter;
import io.crmflow.records.Input;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.RecordChanged;
import io.crmflow.records.RecordQueries;
import io.crmflow.records.RecordType;
import io.crmflow.records.Segments;
import io.crmflow.shared.Domains;
import io.crmflow.shared.Ids;
import io.crmflow.shared.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workspace's companies. Deleting moves a company to the trash (restorable for 30 days); every change is
 * audited and published as a {@link RecordChanged} ({@code company.created/updated/deleted}).
 */
@Service
public class Companies implements RecordType {

    public static final List<String> SIZES =
            List.of("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+");
    static final List<String> ADDRESS = List.of("street", "city", "region", "postalCode", "country");
    private static final Set<String> FIELDS = Set.of(
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
    private final CustomFields customFields;
    private final RecordAccess access;
    private final RecordQueries<CompanyView> queries;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Companies(
            CompanyRepository companies,
            CustomFields customFields,
            RecordAccess access,
            @Lazy Segments segments,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.companies = companies;
        this.customFields = customFields;
        this.access = access;
        this.queries = new RecordQueries<>(
                "company",
                CompanyRepository.CATALOG,
                companies.list(),
                companies.jdbc(),
                access,
                customFields,
                () -> segments,
                "company_shares",
                "company_id");
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "company";
    }

    @Transactional(readOnly = true)
    public CursorPage<CompanyView> list(Map<String, String> params) {
        return queries.page(params);
    }

    /** Every company matching the list parameters (paging ignored), for exports. */
    @Transactional(readOnly = true)
    public void stream(Map<String, String> params, Consumer<CompanyView> sink) {
        queries.stream(params, sink);
    }

    /** The ids of companies matching the list parameters (bulk actions on "all matching"), at most {@code max}. */
    @Transactional(readOnly = true)
    public List<UUID> matchingIds(Map<String, String> params, int max) {
        return queries.ids(params, max);
    }

    @Override
    @Transactional(readOnly = true)
    public long count(Filter filter) {
        return queries.count(filter);
    }

    @Override
    @Transactional(readOnly = true)
    public @Nullable UUID ownerOfVisible(UUID id) {
        return get(id).ownerId();
    }

    @Override
    public void check(Filter filter) {
        count(filter);
    }

    @Transactional(readOnly = true)
    public CompanyView get(UUID id) {
        return visible(id, false);
    }

    /** A live company the caller can see, or 404 (also for other workspaces' ids). */
    CompanyView visible(UUID id, boolean includeDeleted) {
        var company = companies.find(id, includeDeleted).orElseThrow(() -> ApiProblem.notFound("company"));
        if (!canSee(company)) {
            throw ApiProblem.notFound("company");
        }
        return company;
    }

    /** Whether a company with this id exists, is live, and the caller can see it. */
    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return companies.find(id, false).filter(this::canSee).isPresent();
    }

    private boolean canSee(CompanyView c) {
        return queries.canSee(c.id(), c.ownerId());
    }

    @Transactional
    public CompanyView create(Map<String, Object> body) {
        Instant now = Instant.now(clock);
        UUID user = Tenancy.current().userId();
        var blank = new CompanyView(
                Ids.newId(),
                "",
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                null,
                null,
                user,
                null,
                List.of(),
                Map.of(),
                null,
                null,
                now,
                user,
                now,
                user,
                null);
        var input = new Input(body, FIELDS);
        if (!input.has("name")) {
            input.error("name", "is required");
        }
        var company = apply(blank, input, true);
        companies.insert(access.tenant(), company);
        audit.record("company.created", "company", company.id(), AuditLog.created(describe(company)));
        events.publishEvent(new RecordChanged("company.created", company.id(), describe(company)));
        return company;
    }

    @Transactional
    public CompanyView update(UUID id, Map<String, Object> body) {
        var before = visible(id, false);
        var after = apply(before, new Input(body, FIELDS), false);
        var changes = AuditLog.diff(comparable(before), comparable(after));
        if (!changes.isEmpty()) {
            companies.update(after);
            audit.record("company.updated", "company", id, changes);
            events.publishEvent(new RecordChanged("company.updated", id, describe(after)));
        }
        return after;
    }

    /** Moves a company to the trash; its contacts keep pointing at it until it is purged. */
    @Transactional
    public void delete(UUID id) {
        var company = visible(id, false);
        companies.trash(id, Instant.now(clock), Tenancy.current().userId());
        audit.record("company.deleted", "company", id, AuditLog.diff(Map.of("name", company.name()), Map.of()));
        events.publishEvent(new RecordChanged("company.deleted", id, describe(company)));
    }

    @Transactional
    public CompanyView restore(UUID id) {
        visible(id, true);
        if (companies.restore(id) == 0) {
            throw ApiProblem.conflict("not_in_trash", "The company is not in the trash");
        }
        audit.record("company.restored", "company", id, Map.of());
        var company = visible(id, false);
        events.publishEvent(new RecordChanged("company.updated", id, describe(company)));
        return company;
    }

    /** The hierarchy around a company: its ancestors (root first) and its subtree with contact counts. */
    @Transactional(readOnly = true)
    public Map<String, Object> tree(UUID id) {
        visible(id, false);
        var nodes = companies.tree(id);
        var out = new LinkedHashMap<String, Object>();
        out.put("ancestors", companies.ancestors(id));
        out.put("nodes", nodes);
        out.put("descendantCount", nodes.size() - 1);
        out.put(
                "contactCount",
                nodes.stream().mapToLong(CompanyRepository.TreeRow::contacts).sum());
        return out;
    }

    private CompanyView apply(CompanyView c, Input in, boolean creating) {
        String name = in.has("name") ? in.text("name", 300) : c.name();
        if (in.has("name") && name == null) {
            in.error("name", "is required");
        }
        String domain = c.domain();
        if (in.has("domain")) {
            String raw = in.text("domain", 2000);
            domain = raw == null ? null : Domains.normalize(raw).orElse(null);
            if (raw != null && domain == null) {
                in.error("domain", "is not a domain name");
            }
        }
        String phone = c.phone();
        if (in.has("phone")) {
            String raw = in.text("phone", 64);
            phone = raw == null ? null : PhoneNumbers.toE164(raw, null).orElse(null);
            if (raw != null && phone == null) {
                in.error("phone", "is not a phone number with its country code (+…)");
            }
        }
        String currency = in.has("currency") ? in.text("currency", 3) : c.currency();
        if (currency != null && !currency.matches("^[A-Z]{3}$")) {
            in.error("currency", "must be an ISO 4217 code like EUR");
        }
        UUID owner = in.has("ownerId") ? in.id("ownerId") : c.ownerId();
        if (in.has("ownerId") && owner != null && !access.isMember(owner)) {
            in.error("ownerId", "is not a member of this workspace");
        }
        UUID parent = in.has("parentId") ? in.id("parentId") : c.parentId();
        if (in.has("parentId") && parent != null) {
            if (!exists(parent)) {
                in.error("parentId", "no such company");
            } else if (!creating && companies.inSubtree(c.id(), parent)) {
                in.error("parentId", "would make the hierarchy loop");
            }
        }
        var errors = in.errors();
        var custom =
                customFields.validator(entity()).apply(c.customFields(), in.object("customFields"), creating, errors);
        var company = new CompanyView(
                c.id(),
                name == null ? c.name() : name,
                domain,
                in.has("industry") ? in.text("industry", 200) : c.industry(),
                in.has("size") ? in.choice("size", SIZES) : c.size(),
                in.has("annualRevenue") ? in.number("annualRevenue") : c.annualRevenue(),
                currency,
                in.has("address") ? Map.copyOf(in.strings("address", ADDRESS)) : c.address(),
                phone,
                in.has("website") ? in.text("website", 2000) : c.website(),
                owner,
                parent,
                in.has("tags") ? in.texts("tags", 100, 100) : c.tags(),
                custom,
                in.has("externalId") ? in.text("externalId", 200) : c.externalId(),
                c.enrichment(),
                c.createdAt(),
                c.createdBy(),
                Instant.now(clock),
                Tenancy.current().userId(),
                c.deletedAt());
        in.check();
        return company;
    }

    /** The company as a map, as in the API (audit diffs and webhook payloads). */
    Map<String, Object> describe(CompanyView c) {
        return json.convertValue(c, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private Map<String, Object> comparable(CompanyView c) {
        var m = describe(c);
        m.keySet().removeAll(Set.of("updatedAt", "updatedBy", "enrichment"));
        return m;
    }

    /** Stores enrichment suggestions (never applied without a user accepting them). */
    @Transactional
    public void suggest(UUID id, @Nullable Map<String, Object> suggestions) {
        companies.setEnrichment(id, suggestions);
    }
}
