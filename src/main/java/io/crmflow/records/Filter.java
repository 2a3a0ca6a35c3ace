package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A filter: conditions combined with and/or, as JSON
 * {@code {"and": [{"field": "lifecycleStage", "op": "eq", "value": "lead"}, {"or": [...]}]}}. Custom fields are
 * named {@code custom.<key>}. Segments store this JSON as it is.
 */
public sealed interface Filter {

    record And(List<Filter> parts) implements Filter {}

    record Or(List<Filter> parts) implements Filter {}

    record Condition(String field, String op, @Nullable Object value) implements Filter {}

    Filter NONE = new And(List.of());

    /** Parses the JSON form (as Jackson maps and lists); a malformed filter is a 400 naming {@code path}. */
    static Filter parse(@Nullable Object json, String path) {
        return parse(json, path, 0);
    }

    private static Filter parse(@Nullable Object json, String path, int depth) {
        if (json == null) {
            return NONE;
        }
        if (depth > 8 || !(json instanceof Map<?, ?> map)) {
            throw ApiProblem.invalid(
                    path, "must be an object: {\"and\"|\"or\": [...]} or {\"field\", \"op\", \"value\"}");
        }
        if (map.containsKey("and") || map.containsKey("or")) {
            boolean and = map.containsKey("and");
            if (map.size() != 1 || !(map.get(and ? "and" : "or") instanceof List<?> list) || list.size() > 50) {
                throw ApiProblem.invalid(path, "\"and\"/\"or\" takes a list of at most 50 filters, and nothing else");
            }
            var parts = new ArrayList<Filter>();
            for (int i = 0; i < list.size(); i++) {
                parts.add(parse(list.get(i), path + (and ? ".and[" : ".or[") + i + "]", depth + 1));
            }
            return and ? new And(parts) : new Or(parts);
        }
        if (!(map.get("field") instanceof String field) || !(map.get("op") instanceof String op)) {
            throw ApiProblem.invalid(path, "a condition needs \"field\" and \"op\"");
        }
        return new Condition(field, op, map.get("value"));
    }

    /** Whether a condition names a custom field (only then are the definitions needed to compile it). */
    default boolean usesCustomFields() {
        return switch (this) {
            case And and -> and.parts().stream().anyMatch(Filter::usesCustomFields);
            case Or or -> or.parts().stream().anyMatch(Filter::usesCustomFields);
            case Condition c -> c.field().startsWith("custom.");
        };
    }

    /** Both filters (either may be {@link #NONE}). */
    static Filter both(Filter a, Filter b) {
        if (a.equals(NONE)) {
            return b;
        }
        return b.equals(NONE) ? a : new And(List.of(a, b));
    }
}
