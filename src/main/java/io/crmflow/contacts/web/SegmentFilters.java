package io.crmflow.contacts.web;

import io.crmflow.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The filter JSON of a list page's state (the builder's JSON and the quick filters), to save as a segment. */
final class SegmentFilters {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> LISTS = Set.of("tags", "emails", "phones");
    private static final Set<String> NOT_CONDITIONS =
            Set.of("q", "filter", "segmentId", "sort", "limit", "cursor", "trash", "name", "shared", "_csrf");

    private SegmentFilters() {}

    static Map<String, Object> of(Map<String, String> params, @Nullable Object segmentFilter) {
        var parts = new ArrayList<Object>();
        if (segmentFilter != null) {
            parts.add(segmentFilter);
        }
        Object builder = parse(params.get("filter"));
        if (builder != null) {
            parts.add(builder);
        }
        params.forEach((field, value) -> {
            if (!NOT_CONDITIONS.contains(field) && value != null && !value.isBlank()) {
                parts.add(Map.of("field", field, "op", LISTS.contains(field) ? "has" : "eq", "value", value));
            }
        });
        return Map.of("and", List.copyOf(parts));
    }

    static @Nullable Object parse(@Nullable String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(filter, Object.class);
        } catch (RuntimeException e) {
            throw ApiProblem.invalid("filter", "is not JSON");
        }
    }
}
