package io.crmflow.records;

import io.crmflow.customfields.CustomField;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.FieldCatalog.Kind;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles a {@link Filter} to a SQL condition over alias {@code r} with positional parameters. Field names and
 * operators come from a closed catalog, values are always parameters, so a filter cannot inject SQL. Custom field
 * equality and multi-select membership use JSONB containment (the tenant-scoped GIN index); ranges use the typed
 * values table.
 */
public final class FilterSql {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CUSTOM_KEY = Pattern.compile("^custom\\.([a-z][a-z0-9_]{0,62})$");

    private final FieldCatalog catalog;
    private final Map<String, CustomField> customFields;

    public FilterSql(FieldCatalog catalog, Map<String, CustomField> customFields) {
        this.catalog = catalog;
        this.customFields = customFields;
    }

    /** Appends the condition for {@code filter} (or {@code true}) to {@code sql}, its values to {@code params}. */
    public void append(Filter filter, StringBuilder sql, List<Object> params) {
        switch (filter) {
            case Filter.And and -> join(and.parts(), " and ", "true", sql, params);
            case Filter.Or or -> join(or.parts(), " or ", "false", sql, params);
            case Filter.Condition c -> condition(c, sql, params);
        }
    }

    private void join(List<Filter> parts, String op, String empty, StringBuilder sql, List<Object> params) {
        if (parts.isEmpty()) {
            sql.append(empty);
            return;
        }
        sql.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.append(op);
            }
            append(parts.get(i), sql, params);
        }
        sql.append(')');
    }

    private void condition(Filter.Condition c, StringBuilder sql, List<Object> params) {
        var custom = CUSTOM_KEY.matcher(c.field());
        if (custom.matches()) {
            customCondition(custom.group(1), c, sql, params);
            return;
        }
        var column = catalog.columns().get(c.field());
        if (column == null) {
            throw bad(
                    c,
                    "is not a field you can filter " + catalog.table() + " on; fields: "
                            + String.join(", ", catalog.columns().keySet()) + ", custom.<key>");
        }
        String col = column.sql();
        switch (column.kind()) {
            case TEXT -> text(col, c, sql, params);
            case CHOICE, ID -> choice(col, column.kind(), c, sql, params);
            case LIST -> list(col, c, sql, params);
            case TIME, NUMBER -> range(col, column.kind(), c, sql, params);
        }
    }

    private static void text(String col, Filter.Condition c, StringBuilder sql, List<Object> params) {
        switch (c.op()) {
            case "eq" -> sql.append("lower(").append(col).append(") = lower(?)").append(add(params, string(c)));
            case "neq" ->
                sql.append("lower(coalesce(")
                        .append(col)
                        .append(", '')) <> lower(?)")
                        .append(add(params, string(c)));
            case "contains" -> sql.append(col).append(" ilike ?").append(add(params, "%" + like(string(c)) + "%"));
            case "starts_with" -> sql.append(col).append(" ilike ?").append(add(params, like(string(c)) + "%"));
            case "empty" -> sql.append("coalesce(").append(col).append(", '') = ''");
            case "not_empty" -> sql.append("coalesce(").append(col).append(", '') <> ''");
            default -> throw bad(c, "op must be one of eq, neq, contains, starts_with, empty, not_empty");
        }
    }

    private static void choice(String col, Kind kind, Filter.Condition c, StringBuilder sql, List<Object> params) {
        switch (c.op()) {
            case "eq" -> sql.append(col).append(" = ?").append(add(params, value(kind, c, c.value())));
            case "neq" -> sql.append(col).append(" is distinct from ?").append(add(params, value(kind, c, c.value())));
            case "in" -> {
                if (!(c.value() instanceof List<?> values) || values.isEmpty() || values.size() > 500) {
                    throw bad(c, "\"in\" takes a list of 1 to 500 values");
                }
                sql.append(col).append(kind == Kind.ID ? " = any(cast(? as uuid[]))" : " = any(cast(? as text[]))");
                params.add(
                        kind == Kind.ID
                                ? values.stream().map(v -> value(kind, c, v)).toArray(UUID[]::new)
                                : values.stream().map(v -> value(kind, c, v)).toArray(String[]::new));
            }
            case "empty" -> sql.append(col).append(" is null");
            case "not_empty" -> sql.append(col).append(" is not null");
            default -> throw bad(c, "op must be one of eq, neq, in, empty, not_empty");
        }
    }

    private static void list(String col, Filter.Condition c, StringBuilder sql, List<Object> params) {
        switch (c.op()) {
            case "has" -> sql.append(col).append(" @> cast(? as text[])").append(add(params, new String[] {string(c)}));
            case "not_has" ->
                sql.append("not (").append(col).append(" @> cast(? as text[]))").append(add(params, new String[] {
                    string(c)
                }));
            case "has_any" -> {
                if (!(c.value() instanceof List<?> values) || values.isEmpty() || values.size() > 500) {
                    throw bad(c, "\"has_any\" takes a list of 1 to 500 values");
                }
                sql.append(col).append(" && cast(? as text[])");
                params.add(values.stream().map(String::valueOf).toArray(String[]::new));
            }
            case "empty" -> sql.append("cardinality(").append(col).append(") = 0");
            case "not_empty" -> sql.append("cardinality(").append(col).append(") > 0");
            default -> throw bad(c, "op must be one of has, not_has, has_any, empty, not_empty");
        }
    }

    private static void range(String col, Kind kind, Filter.Condition c, StringBuilder sql, List<Object> params) {
        String operator = switch (c.op()) {
            case "eq" -> " = ?";
            case "gt" -> " > ?";
            case "gte" -> " >= ?";
            case "lt" -> " < ?";
            case "lte" -> " <= ?";
            case "empty" -> " is null";
            case "not_empty" -> " is not null";
            default -> throw bad(c, "op must be one of eq, gt, gte, lt, lte, empty, not_empty");
        };
        sql.append(col).append(operator);
        if (operator.endsWith("?")) {
            params.add(value(kind, c, c.value()));
        }
    }

    private void customCondition(String key, Filter.Condition c, StringBuilder sql, List<Object> params) {
        CustomField field = customFields.get(key);
        if (field == null) {
            throw bad(c, "is not a custom field of " + catalog.entity() + " records");
        }
        boolean numeric = field.fieldType().numeric();
        switch (c.op()) {
            case "eq", "has" -> {
                Object v = c.value() == null ? null : numeric ? number(c, c.value()) : String.valueOf(c.value());
                boolean many = field.type().equals("multi_select");
                Object stored = field.type().equals("boolean") ? Boolean.valueOf(String.valueOf(c.value())) : v;
                sql.append("r.custom @> ?::jsonb")
                        .append(add(
                                params,
                                JSON.writeValueAsString(Map.of(
                                        key,
                                        many ? List.of(String.valueOf(c.value())) : stored == null ? "" : stored))));
            }
            case "neq" ->
                sql.append("coalesce(r.custom ->> ?, '') <> ?")
                        .append(add(params, key))
                        .append(add(params, String.valueOf(c.value())));
            case "contains" ->
                sql.append("r.custom ->> ? ilike ?")
                        .append(add(params, key))
                        .append(add(params, "%" + like(string(c)) + "%"));
            case "gt", "gte", "lt", "lte" -> {
                String op = switch (c.op()) {
                    case "gt" -> ">";
                    case "gte" -> ">=";
                    case "lt" -> "<";
                    default -> "<=";
                };
                sql.append("exists (select 1 from ")
                        .append(catalog.valuesTable())
                        .append(" v where v.tenant_id = r.tenant_id and v.")
                        .append(catalog.valuesIdColumn())
                        .append(" = r.id and v.key = ? and v.")
                        .append(numeric ? "num_value " : "text_value ")
                        .append(op)
                        .append(" ?)");
                params.add(key);
                params.add(numeric ? number(c, c.value()) : string(c));
            }
            case "empty" -> sql.append("not jsonb_exists(r.custom, ?)").append(add(params, key));
            case "not_empty" -> sql.append("jsonb_exists(r.custom, ?)").append(add(params, key));
            default -> throw bad(c, "op must be one of eq, neq, has, contains, gt, gte, lt, lte, empty, not_empty");
        }
    }

    private static String add(List<Object> params, Object value) {
        params.add(value);
        return "";
    }

    private static Object value(Kind kind, Filter.Condition c, @Nullable Object value) {
        if (value == null) {
            throw bad(c, "needs a value");
        }
        return switch (kind) {
            case ID -> {
                try {
                    yield UUID.fromString(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw bad(c, "value must be an id");
                }
            }
            case TIME -> Timestamp.from(instant(c, String.valueOf(value)));
            case NUMBER -> number(c, value);
            default -> String.valueOf(value);
        };
    }

    private static Instant instant(Filter.Condition c, String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(c, "value must be a date (yyyy-mm-dd) or an ISO 8601 date-time");
        }
    }

    private static BigDecimal number(Filter.Condition c, @Nullable Object value) {
        try {
            return new BigDecimal(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw bad(c, "value must be a number");
        }
    }

    private static String string(Filter.Condition c) {
        if (c.value() == null || c.value() instanceof Map || c.value() instanceof List) {
            throw bad(c, "needs a text value");
        }
        return String.valueOf(c.value());
    }

    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static ApiProblem bad(Filter.Condition c, String message) {
        return ApiProblem.invalid("filter", "'" + c.field() + "' " + c.op() + ": " + message);
    }
}
