package io.crmflow.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values of one row by target: trimmed, blanks dropped (a blank cell never changes a record). Targets that
 * take lists ({@code emails}, {@code phones}, {@code tags}) split cells on {@code ;} and {@code ,}.
 */
final class Cells {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    Cells(ImportSettings settings, List<String> cells) {
        String[] columns = settings.columns();
        for (int i = 0; i < columns.length && i < cells.size(); i++) {
            String target = columns[i];
            if (target.equals(Targets.IGNORE)) {
                continue;
            }
            String cell = cells.get(i).strip();
            if (cell.isEmpty()) {
                continue;
            }
            headers.putIfAbsent(target, settings.headers().get(i));
            values.computeIfAbsent(target, t -> new ArrayList<>()).add(cell);
        }
    }

    @Nullable
    String one(String target) {
        List<String> given = values.get(target);
        return given == null ? null : given.getFirst();
    }

    /** All values of a list target, split and de-duplicated. */
    List<String> list(String target) {
        List<String> given = values.get(target);
        if (given == null) {
            return List.of();
        }
        LinkedHashSet<String> items = new LinkedHashSet<>();
        for (String cell : given) {
            for (String part : cell.split("[;,]")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        return List.copyOf(items);
    }

    /** Custom field values by key, as given. */
    Map<String, Object> custom() {
        Map<String, Object> custom = new LinkedHashMap<>();
        values.forEach((target, given) -> {
            String key = Targets.customKey(target);
            if (key != null) {
                custom.put(key, given.getFirst());
            }
        });
        return custom;
    }

    /** The header a target was read from (for error reports). */
    String header(String target) {
        return headers.getOrDefault(target, target);
    }

    /** Mapped values as read, target → value, for previews. */
    Map<String, String> asRead() {
        Map<String, String> read = new LinkedHashMap<>();
        values.forEach((target, given) -> read.put(target, String.join("; ", given)));
        return read;
    }
}
