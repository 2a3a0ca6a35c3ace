package io.crmflow.imports;

import io.crmflow.shared.Domains;
import io.crmflow.shared.EmailAddresses;
import io.crmflow.shared.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A contact as one row gives it, normalised: emails lower-cased (the {@code email} column first), phones in E.164,
 * the lifecycle stage in our spelling. Null or empty means "not given": updates leave such fields alone.
 */
final class ContactDraft extends Draft<ContactDraft> {

    static final List<String> STAGES = List.of(
            "subscriber",
            "lead",
            "marketing_qualified",
            "sales_qualified",
            "opportunity",
            "customer",
            "evangelist",
            "other");
    private static final int MAX_TEXT = 200;

    @Nullable
    String firstName;

    @Nullable
    String lastName;

    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();

    @Nullable
    String jobTitle;

    @Nullable
    String companyName;

    @Nullable
    String companyDomain;

    @Nullable
    UUID companyId;

    @Nullable
    UUID ownerId;

    List<String> tags = new ArrayList<>();
    Map<String, String> address = new LinkedHashMap<>();

    @Nullable
    String source;

    @Nullable
    String lifecycleStage;

    private ContactDraft(long row) {
        super(row);
    }

    /** Reads one row; problems go to {@code errors}, naming the column. */
    static ContactDraft read(
            long row, Cells cells, @Nullable String region, Map<String, UUID> members, List<RowError> errors) {
        var d = new ContactDraft(row);
        d.firstName = text(row, cells, "firstName", errors);
        d.lastName = text(row, cells, "lastName", errors);
        String fullName = cells.one("fullName");
        if (fullName != null && d.firstName == null && d.lastName == null) {
            String name = fullName.strip().replaceAll("\\s+", " ");
            int space = name.lastIndexOf(' ');
            d.firstName = limit(space < 0 ? name : name.substring(0, space), row, cells, "fullName", errors);
            d.lastName = space < 0 ? null : limit(name.substring(space + 1), row, cells, "fullName", errors);
        }
        var emails = new LinkedHashSet<String>();
        addEmails(row, cells, "email", List.of(cells.one("email") == null ? "" : cells.one("email")), emails, errors);
        addEmails(row, cells, "emails", cells.list("emails"), emails, errors);
        d.emails = limitList(List.copyOf(emails), row, cells, "emails", errors);
        var phones = new LinkedHashSet<String>();
        addPhones(row, cells, "phone", cells.one("phone"), region, phones, errors);
        for (String p : cells.list("phones")) {
            addPhones(row, cells, "phones", p, region, phones, errors);
        }
        d.phones = limitList(List.copyOf(phones), row, cells, "phones", errors);
        d.jobTitle = text(row, cells, "jobTitle", errors);
        d.companyName = cells.one("company");
        if (d.companyName != null && d.companyName.length() > 300) {
            errors.add(new RowError(row, cells.header("company"), "is longer than 300 characters"));
        }
        String domain = cells.one("companyDomain");
        if (domain != null) {
            d.companyDomain = Domains.normalize(domain).orElse(null);
            if (d.companyDomain == null) {
                errors.add(new RowError(row, cells.header("companyDomain"), "'" + clip(domain) + "' is not a domain"));
            }
        }
        String owner = cells.one("owner");
        if (owner != null) {
            d.ownerId = members.get(owner.strip().toLowerCase(Locale.ROOT));
            if (d.ownerId == null) {
                errors.add(new RowError(
                        row, cells.header("owner"), "'" + clip(owner) + "' is not a member of this workspace"));
            }
        }
        d.tags = cells.list("tags");
        for (String part : List.of("street", "city", "region", "postalCode", "country")) {
            String value = text(row, cells, part, errors);
            if (value != null) {
                d.address.put(part, value);
            }
        }
        d.source = text(row, cells, "source", errors);
        String stage = cells.one("lifecycleStage");
        if (stage != null) {
            d.lifecycleStage = stage(stage);
            if (d.lifecycleStage == null) {
                errors.add(new RowError(
                        row,
                        cells.header("lifecycleStage"),
                        "'" + clip(stage) + "' is not a lifecycle stage (" + String.join(", ", STAGES) + ")"));
            }
        }
        d.externalId = text(row, cells, "externalId", errors);
        d.customChanges = cells.custom();
        return d;
    }

    @Nullable
    String primaryEmail() {
        return emails.isEmpty() ? null : emails.getFirst();
    }

    @Override
    @Nullable
    String key(String matchBy) {
        return matchBy.equals("email") ? primaryEmail() : externalId;
    }

    @Override
    @Nullable
    String missingForCreate() {
        return firstName != null || lastName != null || !emails.isEmpty()
                ? null
                : "a contact needs a first name, last name or email";
    }

    @Override
    void absorb(ContactDraft later) {
        firstName = later.firstName != null ? later.firstName : firstName;
        lastName = later.lastName != null ? later.lastName : lastName;
        emails = union(emails, later.emails, 20);
        phones = union(phones, later.phones, 20);
        jobTitle = later.jobTitle != null ? later.jobTitle : jobTitle;
        companyName = later.companyName != null ? later.companyName : companyName;
        companyDomain = later.companyDomain != null ? later.companyDomain : companyDomain;
        ownerId = later.ownerId != null ? later.ownerId : ownerId;
        tags = union(tags, later.tags, Integer.MAX_VALUE);
        address.putAll(later.address);
        source = later.source != null ? later.source : source;
        lifecycleStage = later.lifecycleStage != null ? later.lifecycleStage : lifecycleStage;
        externalId = later.externalId != null ? later.externalId : externalId;
        custom.putAll(later.custom);
    }

    static @Nullable String stage(String raw) {
        String key =
                raw.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "");
        if (STAGES.contains(key)) {
            return key;
        }
        String withoutLead = key.replaceAll("_lead$", "");
        if (STAGES.contains(withoutLead)) {
            return withoutLead;
        }
        return switch (key) {
            case "mql", "marketingqualifiedlead" -> "marketing_qualified";
            case "sql", "salesqualifiedlead" -> "sales_qualified";
            default -> null;
        };
    }

    private static List<String> union(List<String> a, List<String> b, int max) {
        var all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all.stream().limit(max).toList();
    }

    private static void addEmails(
            long row, Cells cells, String target, List<String> raw, Set<String> into, List<RowError> errors) {
        for (String value : raw) {
            if (value.isBlank()) {
                continue;
            }
            var email = EmailAddresses.normalize(value);
            if (email.isPresent()) {
                into.add(email.get());
            } else {
                errors.add(new RowError(row, cells.header(target), "'" + clip(value) + "' is not an email address"));
            }
        }
    }

    private static void addPhones(
            long row,
            Cells cells,
            String target,
            @Nullable String raw,
            @Nullable String region,
            Set<String> into,
            List<RowError> errors) {
        if (raw == null) {
            return;
        }
        var phone = PhoneNumbers.toE164(raw, region);
        if (phone.isPresent()) {
            into.add(phone.get());
        } else {
            errors.add(new RowError(
                    row,
                    cells.header(target),
                    "'" + clip(raw) + "' is not a phone number"
                            + (region == null ? " (without a country code, give defaultRegion)" : "")));
        }
    }

    private static List<String> limitList(List<String> values, long row, Cells cells, String target, List<RowError> e) {
        if (values.size() > 20) {
            e.add(new RowError(row, cells.header(target), "has more than 20 values"));
            return values.subList(0, 20);
        }
        return values;
    }

    static @Nullable String text(long row, Cells cells, String target, List<RowError> errors) {
        return limit(cells.one(target), row, cells, target, errors);
    }

    private static @Nullable String limit(
            @Nullable String value, long row, Cells cells, String target, List<RowError> errors) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new RowError(row, cells.header(target), "is longer than " + MAX_TEXT + " characters"));
        }
        return value;
    }

    /** A value quoted in an error message, cut to a readable length. */
    static String clip(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "…" : value;
    }
}
