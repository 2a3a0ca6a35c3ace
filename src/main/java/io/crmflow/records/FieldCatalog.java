package io.crmflow.records;

import java.util.Map;

/**
 * The filterable and sortable fields of one record table (alias {@code r}): API name → SQL expression and kind, and
 * where its custom values are kept typed for range filters and sorting.
 */
public record FieldCatalog(
        String entity, String table, Map<String, Column> columns, String valuesTable, String valuesIdColumn) {

    public enum Kind {
        TEXT,
        CHOICE,
        ID,
        LIST,
        TIME,
        NUMBER
    }

    public record Column(String sql, Kind kind) {}
}
