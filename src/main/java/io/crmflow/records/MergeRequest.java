package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ApiProblem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of a merge: {@code {survivorId, mergedIds: [1–4 ids], fields: {fieldName: sourceRecordId}}}. A field
 * not named keeps the survivor's value, or the first merged record's when the survivor has none; lists are
 * unioned unless a record is named for them; {@code custom.<key>} picks one custom field.
 */
public record MergeRequest(UUID survivorId, List<UUID> mergedIds, Map<String, UUID> fields) {

    private static final Pattern CUSTOM = Pattern.compile("^custom\\.[a-z][a-z0-9_]{0,62}$");

    /** Checks the shape (400 with every error); whether the records exist is the caller's check (404). */
    public static MergeRequest parse(@Nullable Map<String, Object> body, Set<String> fieldNames) {
        var errors = new ArrayList<FieldError>();
        var in = body == null ? Map.<String, Object>of() : body;
        for (String key : in.keySet()) {
            if (!Set.of("survivorId", "mergedIds", "fields").contains(key)) {
                errors.add(new FieldError(key, "is not a field of a merge"));
            }
        }
        UUID survivor = id(in.get("survivorId"), "survivorId", errors);
        var merged = new LinkedHashSet<UUID>();
        if (!(in.get("mergedIds") instanceof List<?> list) || list.isEmpty() || list.size() > 4) {
            errors.add(new FieldError("mergedIds", "must list 1 to 4 ids (2 to 5 records with the survivor)"));
        } else {
            for (Object o : list) {
                UUID id = id(o, "mergedIds", errors);
                if (id != null && !merged.add(id)) {
                    errors.add(new FieldError("mergedIds", "must not repeat an id"));
                }
            }
            if (survivor != null && merged.contains(survivor)) {
                errors.add(new FieldError("mergedIds", "must not contain the survivor"));
            }
        }
        var fields = new LinkedHashMap<String, UUID>();
        Object given = in.get("fields");
        if (given != null && !(given instanceof Map<?, ?>)) {
            errors.add(new FieldError("fields", "must be an object {fieldName: recordId}"));
        } else if (given instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (!fieldNames.contains(name) && !CUSTOM.matcher(name).matches()) {
                    errors.add(new FieldError("fields." + name, "is not a field that can be merged"));
                    return;
                }
                UUID from = id(v, "fields." + name, errors);
                if (from != null && !from.equals(survivor) && !merged.contains(from)) {
                    errors.add(new FieldError("fields." + name, "must be the id of one of the merged records"));
                } else if (from != null) {
                    fields.put(name, from);
                }
            });
        }
        if (!errors.isEmpty() || survivor == null) {
            throw ApiProblem.invalid(errors.isEmpty() ? List.of(new FieldError("survivorId", "is required")) : errors);
        }
        return new MergeRequest(survivor, List.copyOf(merged), Map.copyOf(fields));
    }

    public List<UUID> allIds() {
        var all = new ArrayList<UUID>();
        all.add(survivorId);
        all.addAll(mergedIds);
        return all;
    }

    /**
     * Picks a field's value: the named record's, else the survivor's when it is not empty, else the first merged
     * record's that is not empty.
     */
    public <R, V> @Nullable V pick(
            String field, R survivor, List<R> merged, Function<R, UUID> idOf, Function<R, @Nullable V> value) {
        UUID from = fields.get(field);
        if (from != null) {
            if (idOf.apply(survivor).equals(from)) {
                return value.apply(survivor);
            }
            return merged.stream()
                    .filter(r -> idOf.apply(r).equals(from))
                    .findFirst()
                    .map(value)
                    .orElse(null);
        }
        V own = value.apply(survivor);
        if (!isEmpty(own)) {
            return own;
        }
        for (R r : merged) {
            V v = value.apply(r);
            if (!isEmpty(v)) {
                return v;
            }
        }
        return own;
    }

    /** A list field: the named record's list, else the union (survivor's first), at most {@code max} entries. */
    public <R> List<String> union(
            String field,
            R survivor,
            List<R> merged,
            Function<R, UUID> idOf,
            Function<R, List<String>> value,
            int max) {
        if (fields.containsKey(field)) {
            var chosen = pick(field, survivor, merged, idOf, value);
            return chosen == null ? List.of() : chosen;
        }
        var out = new LinkedHashSet<String>(value.apply(survivor));
        merged.forEach(r -> out.addAll(value.apply(r)));
        return out.stream().limit(max).toList();
    }

    /** Custom fields: per key as {@link #pick}, {@code customFields} naming a record for all keys at once. */
    public <R> Map<String, Object> custom(
            R survivor, List<R> merged, Function<R, UUID> idOf, Function<R, Map<String, Object>> value) {
        var keys = new LinkedHashSet<String>(value.apply(survivor).keySet());
        merged.forEach(r -> keys.addAll(value.apply(r).keySet()));
        var out = new LinkedHashMap<String, Object>();
        for (String key : keys) {
            String field = fields.containsKey("custom." + key) ? "custom." + key : "customFields";
            Object v = pick(field, survivor, merged, idOf, r -> value.apply(r).get(key));
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    /** A list of 2–5 distinct ids from a JSON body (e.g. records marked "not a duplicate"); 400 otherwise. */
    public static List<UUID> distinctIds(@Nullable List<?> given, String field, int min, int max) {
        if (given == null) {
            throw ApiProblem.invalid(field, "is required");
        }
        var ids = new LinkedHashSet<UUID>();
        for (Object o : given) {
            try {
                ids.add(UUID.fromString(String.valueOf(o)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid(field, "must be a list of ids");
            }
        }
        if (ids.size() != given.size()) {
            throw ApiProblem.invalid(field, "must not repeat an id");
        }
        if (ids.size() < min || ids.size() > max) {
            throw ApiProblem.invalid(field, "must hold " + min + " to " + max + " ids");
        }
        return List.copyOf(ids);
    }

    private static boolean isEmpty(@Nullable Object v) {
        return v == null
                || (v instanceof String s && s.isBlank())
                || (v instanceof List<?> l && l.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    private static @Nullable UUID id(@Nullable Object o, String field, List<FieldError> errors) {
        if (o == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            return UUID.fromString(String.valueOf(o));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be an id"));
            return null;
        }
    }
}
