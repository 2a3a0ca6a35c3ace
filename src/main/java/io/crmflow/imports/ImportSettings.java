package io.crmflow.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one import does: the entity, {@code mode} (create, update, upsert), {@code matchBy} (email, externalId,
 * domain), the file's headers, the target of each column (by index) and the region for phone numbers without a
 * country code.
 */
record ImportSettings(
        String entity,
        String mode,
        String matchBy,
        List<String> headers,
        String[] columns,
        @Nullable String defaultRegion,
        @Nullable UUID userId) {

    /** The header of the first column mapped to {@code target}, to name it in errors. */
    @Nullable
    String headerOf(String target) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(target)) {
                return headers.get(i);
            }
        }
        return null;
    }

    /** Target → header, for naming columns in errors. */
    Map<String, String> headerByTarget() {
        Map<String, String> byTarget = new HashMap<>();
        for (int i = columns.length - 1; i >= 0; i--) {
            byTarget.put(columns[i], headers.get(i));
        }
        return byTarget;
    }

    boolean creates() {
        return !mode.equals("update");
    }

    boolean updates() {
        return !mode.equals("create");
    }
}
