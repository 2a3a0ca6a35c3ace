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
import org.jspecify.annotations.Nullable;

/**
 * The body of a bulk action: which records — {@code ids: [...]} or {@code all: true, query: {<list parameters>}} —
 * and what to do: {@code update {field, value}}, {@code addTag}/{@code removeTag {tag}}, {@code changeOwner
 * {ownerId}}, {@code delete}. At most {@link #MAX} records per request.
 */
public record BulkRequest(
        String action,
        @Nullable List<UUID> ids,
        @Nullable Map<String, String> query,
        @Nullable String field,
        @Nullable Object value,
        @Nullable String tag,
        @Nullable UUID ownerId) {

    public static final int MAX = 10_000;
    public static final List<String> ACTIONS = List.of("update", "addTag", "removeTag", "changeOwner", "delete");
    private static final Set<String> KEYS = Set.of("action", "ids", "all", "query", "field", "value", "tag", "ownerId");

    public static BulkRequest parse(@Nullable Map<String, Object> body) {
        var in = body == null ? Map.<String, Object>of() : body;
        var errors = new ArrayList<FieldError>();
        in.keySet().stream()
                .filter(k -> !KEYS.contains(k))
                .forEach(k -> errors.add(new FieldError(k, "is not a field of a bulk action")));
        String action = in.get("action") instanceof String a && ACTIONS.contains(a) ? a : null;
        if (action == null) {
            errors.add(new FieldError("action", "must be one of " + ACTIONS));
        }
        List<UUID> ids = null;
        Map<String, String> query = null;
        if (Boolean.TRUE.equals(in.get("all"))) {
            if (in.containsKey("ids")) {
                errors.add(new FieldError("ids", "must not be given with all"));
            }
            query = new LinkedHashMap<>();
            if (in.get("query") instanceof Map<?, ?> q) {
                for (var e : q.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                        errors.add(new FieldError("query." + e.getKey(), "must be a list parameter value (text)"));
                    } else if (e.getValue() != null) {
                        query.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                    }
                }
            } else if (in.get("query") != null) {
                errors.add(new FieldError("query", "must be an object of list parameters"));
            }
            query.remove("limit");
            query.remove("cursor");
        } else if (in.get("ids") instanceof List<?> list && !list.isEmpty() && list.size() <= MAX) {
            var distinct = new LinkedHashSet<UUID>();
            for (Object o : list) {
                try {
                    distinct.add(UUID.fromString(String.valueOf(o)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("ids", "must be a list of ids"));
                    break;
                }
            }
            ids = List.copyOf(distinct);
        } else {
            errors.add(new FieldError("ids", "must list 1 to " + MAX + " ids (or give all: true and a query)"));
        }
        String field = in.get("field") instanceof String f ? f : null;
        String tag = in.get("tag") instanceof String t ? t.strip() : null;
        UUID owner = null;
        if ("update".equals(action) && field == null) {
            errors.add(new FieldError("field", "is required for update"));
        }
        if (("addTag".equals(action) || "removeTag".equals(action))
                && (tag == null || tag.isEmpty() || tag.length() > 100)) {
            errors.add(new FieldError("tag", "is required (1 to 100 characters)"));
        }
        if ("changeOwner".equals(action)) {
            try {
                owner = UUID.fromString(String.valueOf(in.get("ownerId")));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("ownerId", "must be the id of a member"));
            }
        }
        if (!errors.isEmpty() || action == null) {
            throw ApiProblem.invalid(errors);
        }
        return new BulkRequest(action, ids, query, field, in.get("value"), tag, owner);
    }
}
