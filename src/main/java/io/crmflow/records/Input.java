package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ApiProblem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A JSON body for create or PATCH, read field by field. A field that is absent is left alone on PATCH; a field
 * given as null (or blank) clears it. Unknown fields and wrong types are collected as errors, reported together.
 */
public final class Input {

    private final Map<String, ?> body;
    private final List<FieldError> errors = new ArrayList<>();

    public Input(@Nullable Map<String, ?> body, Set<String> allowed) {
        this.body = body == null ? Map.of() : body;
        for (String key : this.body.keySet()) {
            if (!allowed.contains(key)) {
                errors.add(new FieldError(key, "is not a field of this record"));
            }
        }
    }

    public boolean has(String field) {
        return body.containsKey(field);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws a 400 with every error collected so far. */
    public void check() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }

    public @Nullable String text(String field, int max) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            error(field, "must be a string");
            return null;
        }
        String t = s.strip();
        if (t.length() > max) {
            error(field, "must be at most " + max + " characters");
            return null;
        }
        return t.isEmpty() ? null : t;
    }

    /** A list of strings (a single string counts as a list of one), blanks dropped, duplicates removed. */
    public List<String> texts(String field, int maxItems, int maxLength) {
        Object v = body.get(field);
        if (v == null) {
            return List.of();
        }
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        var out = new LinkedHashSet<String>();
        for (Object item : list) {
            if (!(item instanceof String s) || s.strip().length() > maxLength) {
                error(field, "must be a list of strings of at most " + maxLength + " characters");
                return List.of();
            }
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        if (out.size() > maxItems) {
            error(field, "may hold at most " + maxItems + " values");
        }
        return List.copyOf(out);
    }

    public @Nullable UUID id(String field) {
        Object v = body.get(field);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            return UUID.fromString(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            error(field, "must be an id");
            return null;
        }
    }

    public @Nullable BigDecimal number(String field) {
        Object v = body.get(field);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(v));
        } catch (NumberFormatException e) {
            error(field, "must be a number");
            return null;
        }
    }

    public @Nullable String choice(String field, List<String> options) {
        String v = text(field, 100);
        if (v != null && !options.contains(v)) {
            error(field, "must be one of " + options);
            return null;
        }
        return v;
    }

    /** An object whose values are short strings, limited to {@code keys} (e.g. an address). */
    public Map<String, String> strings(String field, List<String> keys) {
        Object v = body.get(field);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            error(field, "must be an object with " + keys);
            return Map.of();
        }
        var out = new LinkedHashMap<String, String>();
        map.forEach((k, value) -> {
            if (!keys.contains(String.valueOf(k))) {
                error(field + "." + k, "is not one of " + keys);
            } else if (value != null && !(value instanceof String)) {
                error(field + "." + k, "must be a string");
            } else if (value != null && ((String) value).length() > 500) {
                error(field + "." + k, "must be at most 500 characters");
            } else if (value != null && !((String) value).isBlank()) {
                out.put(String.valueOf(k), ((String) value).strip());
            }
        });
        return out;
    }

    /** A JSON object as given (for custom fields), or null when absent. */
    @SuppressWarnings("unchecked")
    public @Nullable Map<String, Object> object(String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?>)) {
            error(field, "must be an object");
            return null;
        }
        return (Map<String, Object>) v;
    }
}
