package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query parameters of a record list: {@code q}, {@code filter} (JSON, see {@link Filter}), {@code segmentId},
 * {@code sort} ({@code name}, {@code -createdAt}, {@code custom.<key>} …), {@code limit}, {@code cursor},
 * {@code trash=true}, and shortcuts: {@code <field>=<value>} is an {@code eq} condition ({@code has} for lists),
 * e.g. {@code ?tags=vip&lifecycleStage=lead&custom.tier=gold}.
 */
public record ListParams(
        @Nullable String q,
        Filter filter,
        @Nullable UUID segmentId,
        @Nullable String sort,
        int limit,
        @Nullable String cursor,
        boolean trash) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> RESERVED =
            Set.of("q", "filter", "segmentId", "sort", "limit", "cursor", "trash", "format", "_");

    public static ListParams from(Map<String, String> params, FieldCatalog catalog) {
        var conditions = new ArrayList<Filter>();
        String filterJson = params.get("filter");
        if (filterJson != null && !filterJson.isBlank()) {
            Object parsed;
            try {
                parsed = JSON.readValue(filterJson, Object.class);
            } catch (RuntimeException e) {
                throw ApiProblem.invalid("filter", "is not JSON");
            }
            conditions.add(Filter.parse(parsed, "filter"));
        }
        params.forEach((name, value) -> {
            if (RESERVED.contains(name) || value.isBlank()) {
                return;
            }
            var column = catalog.columns().get(name);
            if (column == null && !name.startsWith("custom.")) {
                throw ApiProblem.invalid(name, "is not a parameter of this list");
            }
            String op = column != null && column.kind() == FieldCatalog.Kind.LIST ? "has" : "eq";
            conditions.add(new Filter.Condition(name, op, value));
        });
        UUID segment = null;
        if (params.get("segmentId") != null && !params.get("segmentId").isBlank()) {
            try {
                segment = UUID.fromString(params.get("segmentId"));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("segmentId", "must be an id");
            }
        }
        Integer limit = null;
        if (params.get("limit") != null) {
            try {
                limit = Integer.valueOf(params.get("limit"));
            } catch (NumberFormatException e) {
                throw ApiProblem.invalid("limit", "must be a number");
            }
        }
        return new ListParams(
                params.get("q"),
                conditions.isEmpty()
                        ? Filter.NONE
                        : conditions.size() == 1 ? conditions.getFirst() : new Filter.And(List.copyOf(conditions)),
                segment,
                params.get("sort"),
                Cursor.limit(limit),
                params.get("cursor"),
                "true".equals(params.get("trash")));
    }

    public ListParams withFilter(Filter more) {
        return new ListParams(q, Filter.both(filter, more), segmentId, sort, limit, cursor, trash);
    }
}
