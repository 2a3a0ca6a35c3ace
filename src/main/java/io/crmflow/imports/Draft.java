package io.crmflow.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What every imported record has: its row, external id and custom field values. */
abstract class Draft<D extends Draft<D>> {

    final long row;

    @Nullable
    String externalId;

    Map<String, Object> customChanges = new LinkedHashMap<>();
    Map<String, Object> custom = new LinkedHashMap<>();

    Draft(long row) {
        this.row = row;
    }

    /** The key this record is matched by ({@code email}, {@code domain}, {@code externalId}), if given. */
    abstract @Nullable String key(String matchBy);

    /** Why a new record cannot be made from this row, or null. */
    abstract @Nullable String missingForCreate();

    /** Applies a later row for the same record: its given values win, lists and maps are joined. */
    abstract void absorb(D later);
}
