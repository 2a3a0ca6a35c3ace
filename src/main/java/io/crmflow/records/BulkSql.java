package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Set-based SQL of bulk actions on contacts or companies: one statement per action over {@code id = any(?)},
 * a snapshot of the columns it changes (for undo), and the undo itself.
 */
@Component
public class BulkSql {

    private static final Set<String> TABLES = Set.of("contacts", "companies");
    private static final Set<String> COLUMNS = Set.of(
            "job_title",
            "company_id",
            "owner_id",
            "source",
            "lifecycle_stage",
            "industry",
            "size",
            "custom",
            "tags",
            "deleted_at",
            "deleted_by",
            "updated_at",
            "updated_by");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BulkSql(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Of the given ids, the live records the caller can see (visibility over alias {@code r}). */
    public List<UUID> visible(String table, List<UUID> ids, UUID tenant, Visibility visibility) {
        check(table, List.of());
        var params = new ArrayList<Object>();
        params.add(tenant);
        params.add(ids.toArray(UUID[]::new));
        params.addAll(visibility.params());
        return jdbc.sql("select r.id from " + table + " r where r.tenant_id = ? and r.id = any(?)"
                        + " and r.deleted_at is null"
                        + (visibility.sql().isEmpty() ? "" : " and " + visibility.sql()))
                .params(params)
                .query(UUID.class)
                .list();
    }

    /** {@code {table, columns, rows: [{id, column…}]}} as they are now. */
    public String snapshot(String table, List<String> columns, List<UUID> ids) {
        check(table, columns);
        var build = new StringBuilder("jsonb_build_object('id', id");
        columns.forEach(c -> build.append(", '").append(c).append("', ").append(c));
        build.append(")");
        String rows = jdbc.sql("select coalesce(jsonb_agg(" + build + "), '[]') from " + table + " where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(String.class)
                .single();
        return json.writeValueAsString(Map.of("table", table, "columns", columns, "rows", json.readTree(rows)));
    }

    /**
     * Runs {@code update <table> set <assignments>, updated_at = ?, updated_by = ? where id = any(?)}; the
     * assignments are SQL written by the caller with {@code ?} for {@code values}.
     */
    public int update(
            String table,
            String assignments,
            List<@Nullable Object> values,
            List<UUID> ids,
            Instant at,
            @Nullable UUID by) {
        check(table, List.of());
        var params = new ArrayList<@Nullable Object>(values);
        params.add(Timestamp.from(at));
        params.add(by);
        params.add(ids.toArray(UUID[]::new));
        return jdbc.sql("update " + table + " set " + assignments
                        + ", updated_at = ?, updated_by = ? where id = any(?)")
                .params(params)
                .update();
    }

    /** Puts the snapshot's columns back; returns the ids of the rows that still exist. */
    public List<UUID> restore(String snapshotJson) {
        var snapshot = json.readTree(snapshotJson);
        String table = snapshot.get("table").asString();
        var columns = new ArrayList<String>();
        snapshot.get("columns").forEach(c -> columns.add(c.asString()));
        check(table, columns);
        var set = new StringBuilder();
        for (String c : columns) {
            set.append(set.isEmpty() ? "" : ", ").append(c).append(" = s.").append(c);
        }
        return jdbc.sql("update " + table + " t set " + set + " from jsonb_populate_recordset(null::" + table
                        + ", ?::jsonb) s where t.id = s.id returning t.id")
                .param(snapshot.get("rows").toString())
                .query(UUID.class)
                .list();
    }

    private static void check(String table, List<String> columns) {
        if (!TABLES.contains(table) || !COLUMNS.containsAll(columns)) {
            throw ApiProblem.invalid("field", "cannot be changed in bulk");
        }
    }
}
