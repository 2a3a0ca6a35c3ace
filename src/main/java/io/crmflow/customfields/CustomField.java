package io.crmflow.customfields;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A custom field definition. {@code key} names the value in a record's {@code customFields} and never changes;
 * {@code validation} may hold {@code min}, {@code max} (numbers, lengths), {@code pattern} (text) and
 * {@code currency} (ISO code of a currency field).
 */
public record CustomField(
        UUID id,
        String entity,
        String key,
        String label,
        String type,
        boolean required,
        @Nullable Object defaultValue,
        List<String> options,
        Map<String, Object> validation,
        int position,
        Instant createdAt,
        Instant updatedAt) {

    public FieldType fieldType() {
        return FieldType.of(type);
    }
}
