package io.crmflow.companies.web;

import io.crmflow.companies.CompanyView;
import io.crmflow.customfields.CustomField;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/** The company form's fields both ways (custom fields as {@code cf.<key>}, address as {@code address.<part>}). */
final class CompanyForm {

    private static final List<String> TEXTS = List.of(
            "name",
            "domain",
            "industry",
            "size",
            "annualRevenue",
            "currency",
            "phone",
            "website",
            "ownerId",
            "parentId");
    static final List<String> ADDRESS = List.of("street", "city", "region", "postalCode", "country");

    private CompanyForm() {}

    /** For the template: multi-select values and lists as text. */
    record Helper() {
        public boolean has(@Nullable Object value, String option) {
            return value instanceof Collection<?> c ? c.contains(option) : option.equals(value);
        }

        public String text(@Nullable Object value) {
            if (value instanceof Collection<?> c) {
                return String.join(", ", c.stream().map(String::valueOf).toList());
            }
            return value == null ? "" : String.valueOf(value);
        }
    }

    static Map<String, Object> input(MultiValueMap<String, String> form, List<CustomField> fields, boolean editing) {
        var in = new LinkedHashMap<String, Object>();
        TEXTS.forEach(name -> in.put(name, blankToNull(form.getFirst(name))));
        if (in.get("currency") instanceof String c) {
            in.put("currency", c.toUpperCase(java.util.Locale.ROOT));
        }
        in.put(
                "tags",
                form.getFirst("tags") == null
                        ? List.of()
                        : Arrays.stream(form.getFirst("tags").split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList());
        var address = new LinkedHashMap<String, Object>();
        ADDRESS.forEach(part -> {
            String v = blankToNull(form.getFirst("address." + part));
            if (v != null) {
                address.put(part, v);
            }
        });
        in.put("address", address);
        var custom = new LinkedHashMap<String, Object>();
        for (CustomField f : fields) {
            List<String> given = form.getOrDefault("cf." + f.key(), List.of());
            Object value = switch (f.type()) {
                case "multi_select" -> given.stream().filter(v -> !v.isBlank()).toList();
                case "boolean" -> given.contains("true") ? "true" : null;
                default -> given.isEmpty() ? null : blankToNull(given.getFirst());
            };
            if (editing || value != null) {
                custom.put(f.key(), value);
            }
        }
        in.put("customFields", custom);
        return in;
    }

    static Map<String, Object> values(CompanyView c) {
        var v = new LinkedHashMap<String, Object>();
        v.put("name", c.name());
        v.put("domain", c.domain());
        v.put("industry", c.industry());
        v.put("size", c.size());
        v.put(
                "annualRevenue",
                c.annualRevenue() == null ? null : c.annualRevenue().toPlainString());
        v.put("currency", c.currency());
        v.put("phone", c.phone());
        v.put("website", c.website());
        v.put("ownerId", c.ownerId() == null ? null : c.ownerId().toString());
        v.put("parentId", c.parentId() == null ? null : c.parentId().toString());
        v.put("tags", String.join(", ", c.tags()));
        ADDRESS.forEach(part -> v.put("address." + part, c.address().get(part)));
        c.customFields().forEach((key, value) -> v.put("cf." + key, value));
        return v;
    }

    static Map<String, Object> values(MultiValueMap<String, String> form) {
        var v = new LinkedHashMap<String, Object>();
        form.forEach((name, list) -> v.put(name, list.size() == 1 ? list.getFirst() : list));
        return v;
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
