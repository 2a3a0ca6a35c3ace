package io.crmflow.contacts;

import io.crmflow.companies.Companies;
import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.records.Filter;
import io.crmflow.records.Input;
import io.crmflow.records.ListParams;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.RecordChanged;
import io.crmflow.records.RecordQueries;
import io.crmflow.records.RecordType;
import io.crmflow.records.Segments;
import io.crmflow.shared.EmailAddresses;
import io.crmflow.shared.Ids;
import io.crmflow.shared.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * The workspace's contacts. Deleting moves a contact to the trash (restorable for 30 days); every change is
 * audited and published as a {@link RecordChanged} ({@code contact.created/updated/deleted}); creating one answers
 * with the live contacts it looks like (same email, same phone, similar name at the same company).
 */
@Service
public class Contacts implements RecordType {

    public static final List<String> STAGES = List.of(
            "subscriber",
            "lead",
            "marketing_qualified",
            "sales_qualified",
            "opportunity",
            "customer",
            "evangelist",
            "other");
    public static final List<String> CONSENT_CHANNELS = List.of("email", "sms", "phone", "marketing", "tracking");
    static final List<String> ADDRESS = List.of("street", "city", "region", "postalCode", "country");
    private static final Set<String> FIELDS = Set.of(
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
    private final Companies companies;
    private final CustomFields customFields;
    private final RecordAccess access;
    private final RecordQueries<ContactView> queries;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Contacts(
            ContactRepository contacts,
            Companies companies,
            CustomFields customFields,
            RecordAccess access,
            @Lazy Segments segments,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.contacts = contacts;
        this.companies = companies;
        this.customFields = customFields;
        this.access = access;
        this.queries = new RecordQueries<>(
                "contact",
                ContactRepository.CATALOG,
                contacts.list(),
                contacts.jdbc(),
                access,
                customFields,
                () -> segments,
                "contact_shares",
                "contact_id");
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "contact";
    }

    /** Lists contacts: {@code q}, {@code filter}, {@code segmentId}, shortcuts, {@code sort}, {@code limit},
     * {@code cursor}, {@code trash} (see {@link ListParams}). */
    @Transactional(readOnly = true)
    public CursorPage<ContactView> list(Map<String, String> params) {
        return queries.page(params);
    }

    /** Every contact matching the list parameters (paging ignored), for exports. */
    @Transactional(readOnly = true)
    public void stream(Map<String, String> params, Consumer<ContactView> sink) {
        queries.stream(params, sink);
    }

    /** The ids of contacts matching the list parameters (bulk actions on "all matching"), at most {@code max}. */
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
    public ContactView get(UUID id) {
        return visible(id, false);
    }

    /** A contact the caller can see, or 404 (also for other workspaces' ids and for private records). */
    ContactView visible(UUID id, boolean includeDeleted) {
        var contact = contacts.find(id, includeDeleted).orElseThrow(() -> ApiProblem.notFound("contact"));
        if (!queries.canSee(id, contact.ownerId())) {
            throw ApiProblem.notFound("contact");
        }
        return contact;
    }

    @Transactional
    public ContactView create(Map<String, Object> body) {
        Instant now = Instant.now(clock);
        UUID user = Tenancy.current().userId();
        var blank = new ContactView(
                Ids.newId(),
                null,
                null,
                null,
                List.of(),
                null,
                List.of(),
                null,
                null,
                user,
                List.of(),
                Map.of(),
                null,
                null,
                Map.of(),
                Map.of(),
                null,
                now,
                user,
                now,
                user,
                null,
                null);
        var contact = apply(blank, new Input(body, FIELDS), true);
        contacts.insert(access.tenant(), contact);
        audit.record("contact.created", "contact", contact.id(), AuditLog.created(comparable(contact)));
        events.publishEvent(new RecordChanged("contact.created", contact.id(), describe(contact)));
        return contact.withDuplicates(contacts.lookalikes(
                contact.id(), contact.emails(), contact.phones(), contact.name(), contact.companyId()));
    }

    @Transactional
    public ContactView update(UUID id, Map<String, Object> body) {
        var before = visible(id, false);
        var after = apply(before, new Input(body, FIELDS), false);
        var changes = AuditLog.diff(comparable(before), comparable(after));
        if (!changes.isEmpty()) {
            contacts.update(after);
            if (before.companyId() != null && !before.companyId().equals(after.companyId())) {
                contacts.rememberPastCompany(id, before.companyId(), before.jobTitle(), after.updatedAt());
            }
            audit.record("contact.updated", "contact", id, changes);
            events.publishEvent(new RecordChanged("contact.updated", id, describe(after)));
        }
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        var contact = visible(id, false);
        contacts.trash(id, Instant.now(clock), Tenancy.current().userId());
        audit.record("contact.deleted", "contact", id, AuditLog.diff(Map.of("name", contact.name()), Map.of()));
        events.publishEvent(new RecordChanged("contact.deleted", id, describe(contact)));
    }

    @Transactional
    public ContactView restore(UUID id) {
        visible(id, true);
        if (contacts.restore(id) == 0) {
            throw ApiProblem.conflict("not_in_trash", "The contact is not in the trash");
        }
        audit.record("contact.restored", "contact", id, Map.of());
        var contact = visible(id, false);
        events.publishEvent(new RecordChanged("contact.updated", id, describe(contact)));
        return contact;
    }

    @Transactional(readOnly = true)
    public List<Map<String, Object>> pastCompanies(UUID id) {
        visible(id, false);
        return contacts.pastCompanies(id);
    }

    private ContactView apply(ContactView c, Input in, boolean creating) {
        String first = in.has("firstName") ? in.text("firstName", 200) : c.firstName();
        String last = in.has("lastName") ? in.text("lastName", 200) : c.lastName();
        List<String> emails = emails(c, in);
        List<String> phones = phones(c, in);
        if (first == null && last == null && emails.isEmpty()) {
            in.error(creating ? "firstName" : "lastName", "a contact needs a name or an email");
        }
        UUID company = in.has("companyId") ? in.id("companyId") : c.companyId();
        if (in.has("companyId") && company != null && !companies.exists(company)) {
            in.error("companyId", "no such company");
        }
        UUID owner = in.has("ownerId") ? in.id("ownerId") : c.ownerId();
        if (in.has("ownerId") && owner != null && !access.isMember(owner)) {
            in.error("ownerId", "is not a member of this workspace");
        }
        var custom = customFields
                .validator(entity())
                .apply(c.customFields(), in.object("customFields"), creating, in.errors());
        var contact = new ContactView(
                c.id(),
                first,
                last,
                emails.isEmpty() ? null : emails.getFirst(),
                emails,
                phones.isEmpty() ? null : phones.getFirst(),
                phones,
                in.has("jobTitle") ? in.text("jobTitle", 200) : c.jobTitle(),
                company,
                owner,
                in.has("tags") ? in.texts("tags", 100, 100) : c.tags(),
                in.has("address") ? Map.copyOf(in.strings("address", ADDRESS)) : c.address(),
                in.has("source") ? in.text("source", 200) : c.source(),
                in.has("lifecycleStage") ? in.choice("lifecycleStage", STAGES) : c.lifecycleStage(),
                in.has("consent") ? consent(c.consent(), in) : c.consent(),
                custom,
                in.has("externalId") ? in.text("externalId", 200) : c.externalId(),
                c.createdAt(),
                c.createdBy(),
                Instant.now(clock),
                Tenancy.current().userId(),
                c.deletedAt(),
                null);
        in.check();
        return contact;
    }

    /** {@code emails} replaces the list; {@code email} sets the primary one (first), keeping the others. */
    private static List<String> emails(ContactView c, Input in) {
        var out = new LinkedHashSet<String>();
        if (in.has("email")) {
            String primary = in.text("email", 254);
            if (primary != null) {
                EmailAddresses.normalize(primary)
                        .ifPresentOrElse(out::add, () -> in.error("email", "is not an email address"));
            }
        }
        List<String> rest = in.has("emails") ? in.texts("emails", 20, 254) : c.emails();
        for (String e : rest) {
            EmailAddresses.normalize(e)
                    .ifPresentOrElse(out::add, () -> in.error("emails", e + " is not an email address"));
        }
        if (in.has("email") && !in.has("emails") && c.email() != null) {
            out.remove(c.email());
        }
        return List.copyOf(out);
    }

    private static List<String> phones(ContactView c, Input in) {
        var out = new LinkedHashSet<String>();
        if (in.has("phone")) {
            String primary = in.text("phone", 64);
            if (primary != null) {
                PhoneNumbers.toE164(primary, null)
                        .ifPresentOrElse(
                                out::add, () -> in.error("phone", "is not a phone number with its country code (+…)"));
            }
        }
        List<String> rest = in.has("phones") ? in.texts("phones", 20, 64) : c.phones();
        for (String p : rest) {
            PhoneNumbers.toE164(p, null)
                    .ifPresentOrElse(
                            out::add,
                            () -> in.error("phones", p + " is not a phone number with its country code (+…)"));
        }
        if (in.has("phone") && !in.has("phones") && c.phone() != null) {
            out.remove(c.phone());
        }
        return List.copyOf(out);
    }

    /**
     * Consent per channel: {@code {"email": {"granted": true, "source": "web form"}}}. The server stamps the time of
     * every change, so the record says when and from where consent was given or withdrawn.
     */
    private Map<String, Object> consent(Map<String, Object> current, Input in) {
        var out = new LinkedHashMap<String, Object>(current);
        var given = in.object("consent");
        if (given == null) {
            return Map.of();
        }
        given.forEach((channel, value) -> {
            if (!CONSENT_CHANNELS.contains(channel)) {
                in.error("consent." + channel, "is not one of " + CONSENT_CHANNELS);
            } else if (!(value instanceof Map<?, ?> v) || !(v.get("granted") instanceof Boolean granted)) {
                in.error("consent." + channel, "must be {\"granted\": true|false, \"source\": \"…\"}");
            } else {
                Object source = v.get("source");
                var entry = new LinkedHashMap<String, Object>();
                entry.put("granted", granted);
                entry.put("at", Instant.now(clock).toString());
                entry.put("source", source == null ? "api" : String.valueOf(source));
                out.put(channel, entry);
            }
        });
        return out;
    }

    Map<String, Object> describe(ContactView c) {
        var m = json.convertValue(c, new TypeReference<LinkedHashMap<String, Object>>() {});
        m.remove("possibleDuplicates");
        return m;
    }

    private Map<String, Object> comparable(ContactView c) {
        var m = describe(c);
        m.keySet().removeAll(Set.of("updatedAt", "updatedBy", "createdAt", "createdBy", "deletedAt", "id"));
        m.values().removeIf(Objects::isNull);
        return m;
    }
}
