package io.crmflow.imports;

import io.crmflow.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fields a column can be mapped to, per entity, and the header names that suggest each: our own names plus the
 * headers of HubSpot, Salesforce, Google Contacts and Outlook exports. {@code custom.<key>} maps to a custom field,
 * {@code ignore} skips a column.
 */
final class Targets {

    static final String IGNORE = "ignore";
    static final String CUSTOM = "custom.";

    static final List<String> CONTACT = List.of(
            "firstName",
            "lastName",
            "fullName",
            "email",
            "emails",
            "phone",
            "phones",
            "jobTitle",
            "company",
            "companyDomain",
            "owner",
            "tags",
            "street",
            "city",
            "region",
            "postalCode",
            "country",
            "source",
            "lifecycleStage",
            "externalId");

    static final List<String> COMPANY = List.of(
            "name",
            "domain",
            "industry",
            "size",
            "annualRevenue",
            "currency",
            "phone",
            "website",
            "street",
            "city",
            "region",
            "postalCode",
            "country",
            "tags",
            "externalId");

    private static final Map<String, String> CONTACT_ALIASES = aliases(Map.ofEntries(
            Map.entry("firstName", List.of("first name", "firstname", "given name", "first", "forename", "vorname")),
            Map.entry("lastName", List.of("last name", "lastname", "family name", "surname", "last", "nachname")),
            Map.entry("fullName", List.of("name", "full name", "contact name", "display name", "contact")),
            Map.entry(
                    "email",
                    List.of(
                            "email",
                            "e-mail",
                            "email address",
                            "e-mail address",
                            "email 1 - value",
                            "primary email",
                            "e-mail 1 - value",
                            "mail")),
            Map.entry(
                    "emails",
                    List.of(
                            "email 2 - value",
                            "e-mail 2 address",
                            "e-mail 2 - value",
                            "additional email addresses",
                            "secondary email",
                            "other email",
                            "emails",
                            "e-mail 3 address")),
            Map.entry(
                    "phone",
                    List.of(
                            "phone",
                            "phone number",
                            "mobile phone",
                            "mobile",
                            "phone 1 - value",
                            "business phone",
                            "telephone",
                            "mobile phone number",
                            "primary phone",
                            "cell",
                            "mobile number")),
            Map.entry(
                    "phones",
                    List.of("phone 2 - value", "home phone", "other phone", "business phone 2", "phones", "fax")),
            Map.entry(
                    "jobTitle",
                    List.of("job title", "title", "position", "organization 1 - title", "role", "jobtitle")),
            Map.entry(
                    "company",
                    List.of(
                            "company",
                            "company name",
                            "organization",
                            "organization 1 - name",
                            "account name",
                            "organisation",
                            "associated company",
                            "account",
                            "employer")),
            Map.entry("companyDomain", List.of("company domain", "company domain name", "website", "domain")),
            Map.entry("owner", List.of("owner", "contact owner", "owner email", "record owner", "assigned to")),
            Map.entry("tags", List.of("tags", "labels", "group membership", "categories", "lists")),
            Map.entry(
                    "street",
                    List.of(
                            "street",
                            "street address",
                            "address",
                            "mailing street",
                            "address 1 - street",
                            "business street",
                            "home street",
                            "address line 1")),
            Map.entry(
                    "city", List.of("city", "mailing city", "address 1 - city", "business city", "home city", "town")),
            Map.entry(
                    "region",
                    List.of(
                            "state",
                            "region",
                            "state/region",
                            "province",
                            "mailing state/province",
                            "address 1 - region",
                            "business state",
                            "home state",
                            "state/province")),
            Map.entry(
                    "postalCode",
                    List.of(
                            "postal code",
                            "zip",
                            "zip code",
                            "postcode",
                            "mailing zip/postal code",
                            "address 1 - postal code",
                            "business postal code",
                            "home postal code",
                            "zip/postal code")),
            Map.entry(
                    "country",
                    List.of(
                            "country",
                            "country/region",
                            "mailing country",
                            "address 1 - country",
                            "business country",
                            "home country")),
            Map.entry("source", List.of("source", "lead source", "original source", "original source type")),
            Map.entry("lifecycleStage", List.of("lifecycle stage", "lifecyclestage", "stage", "lead status")),
            Map.entry(
                    "externalId",
                    List.of("external id", "externalid", "record id", "contact id", "id", "salesforce id", "crm id"))));

    private static final Map<String, String> COMPANY_ALIASES = aliases(Map.ofEntries(
            Map.entry(
                    "name", List.of("name", "company", "company name", "account name", "organization", "organisation")),
            Map.entry("domain", List.of("domain", "company domain name", "domain name", "website domain")),
            Map.entry("industry", List.of("industry", "sector")),
            Map.entry("size", List.of("size", "company size", "employees", "number of employees", "employee count")),
            Map.entry("annualRevenue", List.of("annual revenue", "revenue", "annualrevenue")),
            Map.entry("currency", List.of("currency", "currency code", "account currency")),
            Map.entry("phone", List.of("phone", "phone number", "company phone", "main phone", "telephone")),
            Map.entry("website", List.of("website", "website url", "url", "web site", "homepage")),
            Map.entry("street", List.of("street", "street address", "address", "billing street", "address line 1")),
            Map.entry("city", List.of("city", "billing city", "town")),
            Map.entry("region", List.of("state", "region", "state/region", "province", "billing state/province")),
            Map.entry("postalCode", List.of("postal code", "zip", "zip code", "postcode", "billing zip/postal code")),
            Map.entry("country", List.of("country", "country/region", "billing country")),
            Map.entry("tags", List.of("tags", "labels", "categories")),
            Map.entry("externalId", List.of("external id", "record id", "company id", "account id", "id"))));

    private Targets() {}

    private static Map<String, String> aliases(Map<String, List<String>> byTarget) {
        Map<String, String> aliases = new HashMap<>();
        byTarget.forEach((target, names) -> {
            aliases.put(key(target), target);
            names.forEach(name -> aliases.put(key(name), target));
        });
        return aliases;
    }

    /** Header names compared without case, spaces and punctuation. */
    static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    static List<String> of(String entity) {
        return entity.equals("company") ? COMPANY : CONTACT;
    }

    /**
     * The suggested target of each header (in order): a known alias, else a custom field whose key or label
     * matches, else {@code ignore}. A target is suggested for one column only.
     */
    static Map<String, String> suggest(String entity, List<String> headers, Map<String, String> customLabels) {
        Map<String, String> aliases = entity.equals("company") ? COMPANY_ALIASES : CONTACT_ALIASES;
        Map<String, String> custom = new HashMap<>();
        customLabels.forEach((k, label) -> {
            custom.put(key(k), CUSTOM + k);
            custom.put(key(label), CUSTOM + k);
        });
        Map<String, String> mapping = new LinkedHashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        for (String header : headers) {
            String target = aliases.getOrDefault(key(header), custom.get(key(header)));
            boolean repeatable = "emails".equals(target) || "phones".equals(target) || "tags".equals(target);
            if (target == null || (!repeatable && !taken.add(target))) {
                target = IGNORE;
            }
            mapping.putIfAbsent(header, target);
        }
        return mapping;
    }

    /**
     * The target of each column (by index) for a mapping given as header → target; headers the mapping does not
     * name are ignored. 400 for an unknown target or one given to two columns.
     */
    static String[] resolve(String entity, List<String> headers, Map<String, String> mapping, Set<String> customKeys) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (var e : mapping.entrySet()) {
            String target = e.getValue();
            boolean known = target.equals(IGNORE)
                    || of(entity).contains(target)
                    || (target.startsWith(CUSTOM) && customKeys.contains(target.substring(CUSTOM.length())));
            if (!known) {
                errors.add(new ApiProblem.FieldError(
                        "mapping." + e.getKey(),
                        "unknown field '" + target + "'; known: " + of(entity)
                                + ", custom.<key> of a custom field, ignore"));
            }
        }
        String[] columns = new String[headers.size()];
        Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String target = mapping.getOrDefault(headers.get(i), IGNORE);
            boolean repeatable = target.equals(IGNORE)
                    || target.equals("emails")
                    || target.equals("phones")
                    || target.equals("tags");
            if (!repeatable && !used.add(target)) {
                errors.add(new ApiProblem.FieldError(
                        "mapping." + headers.get(i), "'" + target + "' is already mapped from another column"));
            }
            columns[i] = target;
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return columns;
    }

    static @Nullable String customKey(String target) {
        return target.startsWith(CUSTOM) ? target.substring(CUSTOM.length()) : null;
    }
}
