package io.crmflow.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One batch of rows after reading and checking, before anything is written: the records to create or update (one
 * per record, however many rows of the file named it), the row errors, and the counts.
 *
 * @param <T> the pending record of the entity
 */
final class Batch<T> {

    /** A row as the preview shows it: what it would do, the values read and its errors. */
    record PreviewRow(long row, @Nullable String action, Map<String, String> values, List<RowError> errors) {}

    final Map<UUID, T> creates = new LinkedHashMap<>();
    final Map<UUID, T> updates = new LinkedHashMap<>();
    final List<RowError> errors = new ArrayList<>();
    final List<PreviewRow> preview = new ArrayList<>();
    long created;
    long updated;
    long rows;
}
