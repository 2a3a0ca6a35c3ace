package io.crmflow.records;

import java.util.List;

/** A way to sort a record list: SQL expressions over alias {@code r}, each backed by the same index. */
public record SortKey(List<Part> parts) {

    public enum Type {
        TEXT,
        TIME,
        NUMBER
    }

    public record Part(String sql, Type type) {}

    public static SortKey of(String sql, Type type) {
        return new SortKey(List.of(new Part(sql, type)));
    }
}
