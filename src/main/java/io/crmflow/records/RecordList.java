package io.crmflow.records;

import io.crmflow.customfields.CustomField;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.CursorPage;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lists, searches and streams the records of one table with one query each: tenant, trash, visibility, filter,
 * then either keyset order on an indexed sort or (with {@code q}) relevance: full text over the weighted
 * {@code search} column (prefix match) or trigram word similarity over {@code search_text} (typos).
 */
public final class RecordList<T> {

    private static final Pattern CUSTOM_SORT = Pattern.compile("^custom\\.([a-z][a-z0-9_]{0,62})$");
    private static final int MAX_SEARCH_OFFSET = 1000;

    private final FieldCatalog catalog;
    private final Map<String, SortKey> sorts;
    private final String defaultSort;
    private final String columns;
    private final RowMapper<T> mapper;

    /**
     * @param columns the select list over alias {@code r} that {@code mapper} reads
     */
    public RecordList(
            FieldCatalog catalog, Map<String, SortKey> sorts, String defaultSort, String columns, RowMapper<T> mapper) {
        this.catalog = catalog;
        this.sorts = sorts;
        this.defaultSort = defaultSort;
        this.columns = columns;
        this.mapper = mapper;
    }

    /** What to list. {@code visibility} is an extra SQL condition over {@code r} (e.g. private records). */
    public record Request(
            UUID tenant,
            Filter filter,
            @Nullable String sort,
            int limit,
            @Nullable String cursor,
            @Nullable String q,
            boolean trash,
            Map<String, CustomField> customFields,
            Visibility visibility) {}

    public CursorPage<T> page(JdbcClient jdbc, Request request) {
        String q = request.q() == null ? null : request.q().strip();
        if (q != null && !q.isEmpty()) {
            return search(jdbc, request, q);
        }
        String sortName = request.sort() == null || request.sort().isBlank() ? defaultSort : request.sort();
        boolean desc = sortName.startsWith("-");
        String key = desc ? sortName.substring(1) : sortName;
        SortKey sort = sortKey(key, request.customFields());
        var cursor = RecordCursor.decode(request.cursor(), sortName);

        var sql = new StringBuilder("select ").append(columns);
        for (int i = 0; i < sort.parts().size(); i++) {
            sql.append(", ")
                    .append(sort.parts().get(i).sql())
                    .append(" as sort_")
                    .append(i);
        }
        var params = new ArrayList<Object>();
        sql.append(" from ").append(catalog.table()).append(" r");
        var custom = CUSTOM_SORT.matcher(key);
        if (custom.matches()) {
            sql.append(" join ")
                    .append(catalog.valuesTable())
                    .append(" v on v.tenant_id = r.tenant_id and v.")
                    .append(catalog.valuesIdColumn())
                    .append(" = r.id and v.key = ?");
            params.add(custom.group(1));
        }
        where(request, sql, params);
        if (cursor != null) {
            keyset(sort, cursor, desc, sql, params);
        }
        String dir = desc ? " desc" : "";
        sql.append(" order by ");
        for (var part : sort.parts()) {
            sql.append(part.sql()).append(dir).append(", ");
        }
        sql.append("r.id").append(dir).append(" limit ?");
        params.add(request.limit() + 1);

        var rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Row<>(mapper.mapRow(rs, n), sortValues(sort, rs), rs.getObject("id", UUID.class)))
                .list();
        boolean more = rows.size() > request.limit();
        var page = more ? rows.subList(0, request.limit()) : rows;
        String next = more
                ? new RecordCursor(
                                sortName,
                                page.getLast().sortValues(),
                                page.getLast().id(),
                                0)
                        .encode()
                : null;
        return new CursorPage<>(page.stream().map(Row::value).toList(), next);
    }

    /** Every matching record (no paging), in id order, to {@code sink}; for exports. */
    public void stream(JdbcClient jdbc, Request request, Consumer<T> sink) {
        var sql = new StringBuilder("select ")
                .append(columns)
                .append(" from ")
                .append(catalog.table())
                .append(" r");
        var params = new ArrayList<Object>();
        where(request, sql, params);
        sql.append(" order by r.id");
        try (var rows = jdbc.sql(sql.toString()).params(params).withFetchSize(1000).query(mapper).stream()) {
            rows.forEach(sink);
        }
    }

    /** How many records match (for segment counts). */
    public long count(JdbcClient jdbc, Request request) {
        var sql = new StringBuilder("select count(*) from ")
                .append(catalog.table())
                .append(" r");
        var params = new ArrayList<Object>();
        where(request, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /** The ids of every matching record (bulk actions on "all matching"), at most {@code max}. */
    public List<UUID> ids(JdbcClient jdbc, Request request, int max) {
        var sql = new StringBuilder("select r.id from ").append(catalog.table()).append(" r");
        var params = new ArrayList<Object>();
        where(request, sql, params);
        String q = request.q() == null ? "" : request.q().strip();
        if (!q.isEmpty()) {
            similarityThreshold(jdbc);
            sql.append(" and ? <% r.search_text");
            params.add(q.toLowerCase(java.util.Locale.ROOT));
        }
        sql.append(" order by r.id limit ?");
        params.add(max);
        return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    private CursorPage<T> search(JdbcClient jdbc, Request request, String q) {
        var cursor = RecordCursor.decode(request.cursor(), "q");
        int offset = cursor == null ? 0 : cursor.offset();
        if (q.length() > 200) {
            throw ApiProblem.invalid("q", "must be at most 200 characters");
        }
        similarityThreshold(jdbc);
        String tsquery = SearchTerms.prefixQuery(q);
        String lower = q.toLowerCase(java.util.Locale.ROOT);
        // Candidates come straight from the GiST trigram index in word-similarity order (KNN), which stops after
        // n rows; only those are ranked, names above emails above the rest. A full-text or `<%` condition cannot
        // narrow the scan under row level security (non-leakproof operators run after the policy, ADR 10).
        var params = new ArrayList<Object>();
        var sql = new StringBuilder("select ")
                .append(columns)
                .append(
                        ", ts_rank(r.search, to_tsquery('simple', ?)) + word_similarity(?, r.search_text) as score from ")
                .append(catalog.table())
                .append(" r where r.tenant_id = ? and r.id in (select r.id from ")
                .append(catalog.table())
                .append(" r");
        params.addAll(List.of(tsquery, lower, request.tenant()));
        where(request, sql, params);
        sql.append(" and ? <% r.search_text order by ? <<-> r.search_text limit ?)"
                + " order by score desc, r.id limit ? offset ?");
        params.addAll(List.of(lower, lower, offset + request.limit() + 1, request.limit() + 1, offset));
        var rows = jdbc.sql(sql.toString()).params(params).query(mapper).list();
        boolean more = rows.size() > request.limit() && offset + request.limit() < MAX_SEARCH_OFFSET;
        var page = rows.size() > request.limit() ? rows.subList(0, request.limit()) : rows;
        return new CursorPage<>(
                List.copyOf(page),
                more ? new RecordCursor("q", List.of(), null, offset + request.limit()).encode() : null);
    }

    /** What counts as a match for {@code q}: word similarity of at least 0.4 (this transaction only). */
    private static void similarityThreshold(JdbcClient jdbc) {
        jdbc.sql("select set_config('pg_trgm.word_similarity_threshold', '0.4', true)")
                .query()
                .singleValue();
    }

    private void where(Request request, StringBuilder sql, List<Object> params) {
        sql.append(" where r.tenant_id = ?");
        params.add(request.tenant());
        sql.append(
                request.trash()
                        ? " and r.deleted_at is not null and r.merged_into is null"
                        : " and r.deleted_at is null");
        if (!request.visibility().sql().isEmpty()) {
            sql.append(" and ").append(request.visibility().sql());
            params.addAll(request.visibility().params());
        }
        if (!request.filter().equals(Filter.NONE)) {
            sql.append(" and ");
            new FilterSql(catalog, request.customFields()).append(request.filter(), sql, params);
        }
    }

    private SortKey sortKey(String key, Map<String, CustomField> customFields) {
        var custom = CUSTOM_SORT.matcher(key);
        if (custom.matches()) {
            var field = customFields.get(custom.group(1));
            if (field == null) {
                throw ApiProblem.invalid("sort", "'" + custom.group(1) + "' is not a custom field");
            }
            return field.fieldType().numeric()
                    ? SortKey.of("v.num_value", SortKey.Type.NUMBER)
                    : SortKey.of("v.text_value", SortKey.Type.TEXT);
        }
        SortKey sort = sorts.get(key);
        if (sort == null) {
            throw ApiProblem.invalid(
                    "sort",
                    "must be one of " + String.join(", ", sorts.keySet()) + ", custom.<key> (prefix - for descending)");
        }
        return sort;
    }

    private static void keyset(
            SortKey sort, RecordCursor cursor, boolean desc, StringBuilder sql, List<Object> params) {
        if (cursor.id() == null || cursor.values().size() != sort.parts().size()) {
            throw ApiProblem.invalid("cursor", "is not a cursor of this list");
        }
        sql.append(" and (");
        for (var part : sort.parts()) {
            sql.append(part.sql()).append(", ");
        }
        sql.append("r.id) ").append(desc ? "<" : ">").append(" (");
        for (int i = 0; i < sort.parts().size(); i++) {
            sql.append("?, ");
            params.add(typed(sort.parts().get(i).type(), cursor.values().get(i)));
        }
        sql.append("?)");
        params.add(cursor.id());
    }

    private static @Nullable Object typed(SortKey.Type type, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case TEXT -> value;
                case TIME -> Timestamp.from(Instant.parse(value));
                case NUMBER -> new BigDecimal(value);
            };
        } catch (RuntimeException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API gave out");
        }
    }

    private static List<@Nullable String> sortValues(SortKey sort, ResultSet rs) throws SQLException {
        var values = new ArrayList<@Nullable String>();
        for (int i = 0; i < sort.parts().size(); i++) {
            Object v = sort.parts().get(i).type() == SortKey.Type.TIME
                    ? rs.getTimestamp("sort_" + i) == null
                            ? null
                            : rs.getTimestamp("sort_" + i).toInstant()
                    : rs.getObject("sort_" + i);
            values.add(v == null ? null : v.toString());
        }
        return values;
    }

    private record Row<T>(T value, List<@Nullable String> sortValues, UUID id) {}
}
