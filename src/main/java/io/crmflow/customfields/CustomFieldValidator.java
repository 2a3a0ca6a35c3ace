package io.crmflow.customfields;

import io.crmflow.platform.web.ApiProblem.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validates the {@code customFields} of records of one entity against the workspace's definitions, read once (an
 * import validates a million rows with one validator).
 */
public final class CustomFieldValidator {

    private final String entity;
    private final Map<String, CustomField> fields = new LinkedHashMap<>();

    CustomFieldValidator(String entity, List<CustomField> definitions) {
        this.entity = entity;
        definitions.forEach(f -> fields.put(f.key(), f));
    }

    public Map<String, CustomField> fields() {
        return fields;
    }

    /**
     * The stored custom values after applying {@code changes} (null or blank removes a value) to {@code current}
     * (empty for a new record, which also gets the defaults). Errors name {@code customFields.<key>}.
     */
    public Map<String, Object> apply(
            Map<String, Object> current, @Nullable Map<String, ?> changes, boolean creating, List<FieldError> errors) {
        var result = new LinkedHashMap<>(current);
        if (changes != null) {
            changes.forEach((key, value) -> {
                CustomField field = fields.get(key);
                String path = "customFields." + key;
                if (field == null) {
                    errors.add(new FieldError(path, "is not a custom field of " + entity + " records"));
                } else if (FieldValues.isBlank(value)) {
                    result.remove(key);
                } else {
                    Object stored = FieldValues.check(field, value, path, errors);
                    if (stored != null) {
                        result.put(key, stored);
                    }
                }
            });
        }
        for (CustomField field : fields.values()) {
            if (creating && !result.containsKey(field.key()) && field.defaultValue() != null) {
                result.put(field.key(), field.defaultValue());
            }
            boolean given = changes != null && changes.containsKey(field.key());
            if (field.required() && !result.containsKey(field.key()) && (creating || given)) {
                errors.add(new FieldError("customFields." + field.key(), "is required"));
            }
        }
        return result;
    }
}
