package io.crmflow.records;

import java.util.List;

/** An extra condition over alias {@code r} that hides private records from a caller (empty: sees all). */
public record Visibility(String sql, List<Object> params) {

    public static final Visibility ALL = new Visibility("", List.of());
}
