package io.crmflow.contacts.web;

import io.crmflow.contacts.ContactView;
import io.crmflow.contacts.Contacts;
import io.crmflow.customfields.CustomField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The contact form's fields both ways: a submitted form as the service's input map, and a contact (or the
 * submitted form, after errors) as the strings the form shows. Custom fields are named {@code cf.<key>}, address
 * parts {@code address.<part>}, consent {@code consent.<channel>}.
 */
final class ContactForm {

    private static final List<String> TEXTS =
            List.of("firstName", "lastName", "jobTitle", "source", "lifecycleStage", "companyId", "ownerId");
    static final List<String> ADDRESS = List.of("street", "city", "region", "postalCode", "country");

    private ContactForm() {}

    /** For the template: whether a (single or multiple) value holds an option. */
    record Helper() {
        public boolean has(@Nullable Object value, String option) {
            return value instanceof java.util.Collection<?> c ? c.contains(option) : option.equals(value);
        }

        public String text(@Nullable Object value) {
            if (value instanceof java.util.Collection<?> c) {
                return String.join(", ", c.stream().map(String::valueOf).toList());
            }
            return value == null ? "" : String.valueOf(value);
        }
    }

    /** The input for create/update; on update, consent is only sent for channels whose state changed. */
    static Map<String, Object> input(
            MultiValueMap<String, String> form, List<CustomField> fields, @Nullable ContactView before) {
        var in = new LinkedHashMap<String, Object>();
        TEXTS.forEach(name -> in.put(name, blankToNull(form.getFirst(name))));
        in.put("email", blankToNull(form.getFirst("email")));
        in.put("emails", lines(form.getFirst("otherEmails")));
        in.put("phone", blankToNull(form.getFirst("phone")));
        in.put("phones", lines(form.getFirst("otherPhones")));
        in.put("tags", split(form.getFirst("tags")));
        var address = new LinkedHashMap<String, Object>();
        ADDRESS.forEach(part -> {
            String v = blankToNull(form.getFirst("address." + part));
            if (v != null) {
                address.put(part, v);
            }
        });
        in.put("address", address);
        var consent = new LinkedHashMap<String, Object>();
        for (String channel : Contacts.CONSENT_CHANNELS) {
            boolean granted = "on".equals(form.getFirst("consent." + channel));
            boolean was = before != null && granted(before.consent(), channel);
            if (granted != was) {
                consent.put(channel, Map.of("granted", granted, "source", "web form"));
            }
        }
        if (!consent.isEmpty()) {
            in.put("consent", consent);
        }
        var custom = new LinkedHashMap<String, Object>();
        for (CustomField f : fields) {
            List<String> given = form.getOrDefault("cf." + f.key(), List.of());
            Object value = switch (f.type()) {
                case "multi_select" -> given.stream().filter(v -> !v.isBlank()).toList();
                case "boolean" -> given.contains("true") ? "true" : null;
                default -> given.isEmpty() ? null : blankToNull(given.getFirst());
            };
            if (before != null || value != null) {
                custom.put(f.key(), value);
            }
        }
        in.put("customFields", custom);
        return in;
    }

    /** What the form shows for a contact. */
    static Map<String, Object> values(ContactView c) {
        var v = new LinkedHashMap<String, Object>();
        v.put("firstName", c.firstName());
        v.put("lastName", c.lastName());
        v.put("jobTitle", c.jobTitle());
        v.put("source", c.source());
        v.put("lifecycleStage", c.lifecycleStage());
        v.put("companyId", c.companyId() == null ? null : c.companyId().toString());
        v.put("ownerId", c.ownerId() == null ? null : c.ownerId().toString());
        v.put("email", c.email());
        v.put("otherEmails", String.join("\n", c.emails().stream().skip(1).toList()));
        v.put("phone", c.phone());
        v.put("otherPhones", String.join("\n", c.phones().stream().skip(1).toList()));
        v.put("tags", String.join(", ", c.tags()));
        ADDRESS.forEach(part -> v.put("address." + part, c.address().get(part)));
        Contacts.CONSENT_CHANNELS.forEach(ch -> v.put("consent." + ch, granted(c.consent(), ch) ? "on" : null));
        c.customFields().forEach((key, value) -> v.put("cf." + key, value));
        return v;
    }

    /** What the form shows after a failed submit: exactly what was typed. */
    static Map<String, Object> values(MultiValueMap<String, String> form) {
        var v = new LinkedHashMap<String, Object>();
        form.forEach((name, list) -> v.put(name, list.size() == 1 ? list.getFirst() : list));
        return v;
    }

    private static boolean granted(Map<String, Object> consent, String channel) {
        return consent.get(channel) instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("granted"));
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static List<String> lines(@Nullable String s) {
        return s == null
                ? List.of()
                : Arrays.stream(s.split("[\\r\\n]+"))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList();
    }

    static List<String> split(@Nullable String s) {
        var out = new ArrayList<String>();
        if (s != null) {
            Arrays.stream(s.split(","))
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .filter(Objects::nonNull)
                    .forEach(out::add);
        }
        return out;
    }
}
