package io.crmflow.customfields;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ApiProblem.FieldError;
import io.crmflow.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's custom field definitions. Keys never change (renaming changes the label), so values are never
 * orphaned; deleting a field that holds values needs {@code confirm} and is audited with how many records lost it.
 */
@Service
public class CustomFields {

    public static final List<String> ENTITIES = List.of("contact", "company");
    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    private final CustomFieldRepository fields;
    private final AuditLog audit;
    private final Clock clock;

    CustomFields(CustomFieldRepository fields, AuditLog audit, Clock clock) {
        this.fields = fields;
        this.audit = audit;
        this.clock = clock;
    }

    /** A field as asked for: all of it on create; on PATCH null leaves a part as it is ({@code key}, {@code type}
     * and {@code entity} cannot change). */
    public record FieldInput(
            @Nullable String entity,
            @Nullable String key,
            @Nullable String label,
            @Nullable String type,
            @Nullable Boolean required,
            @Nullable Object defaultValue,
            @Nullable List<String> options,
            @Nullable Map<String, Object> validation,
            @Nullable Integer position) {}

    @Transactional(readOnly = true)
    public List<CustomField> list(@Nullable String entity) {
        if (entity != null && !ENTITIES.contains(entity)) {
            throw ApiProblem.invalid("entity", "must be one of " + ENTITIES);
        }
        return fields.all(entity);
    }

    /** A validator for records of {@code entity}, reading the definitions once. */
    @Transactional(readOnly = true)
    public CustomFieldValidator validator(String entity) {
        return new CustomFieldValidator(entity, fields.all(entity));
    }

    @Transactional(readOnly = true)
    public CustomField get(UUID id) {
        return fields.find(id).orElseThrow(() -> ApiProblem.notFound("custom field"));
    }

    @Transactional
    public CustomField create(FieldInput in) {
        var errors = new ArrayList<FieldError>();
        String entity = in.entity();
        if (entity == null || !ENTITIES.contains(entity)) {
            errors.add(new FieldError("entity", "must be one of " + ENTITIES));
        }
        String label = label(in.label(), errors);
        String key = in.key() == null ? keyFrom(label) : in.key();
        if (!KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "must be lower-case letters, digits and _ and start with a letter"));
        }
        FieldType type = type(in.type(), errors);
        Instant now = Instant.now(clock);
        var draft = new CustomField(
                Ids.newId(),
                entity == null ? "" : entity,
                key,
                label,
                type == null ? "text" : type.apiName(),
                Boolean.TRUE.equals(in.required()),
                null,
                options(in.options(), type, errors),
                validation(in.validation(), errors),
                in.position() == null ? 0 : in.position(),
                now,
                now);
        var field = withDefault(draft, in.defaultValue(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (fields.all(entity).stream().anyMatch(f -> f.key().equals(key))) {
            throw ApiProblem.conflict("custom_field_exists", "A " + entity + " field with key '" + key + "' exists");
        }
        fields.insert(Tenancy.currentTenant().orElseThrow(), field);
        audit.record("custom_field.created", "custom_field", field.id(), AuditLog.created(describe(field)));
        return field;
    }

    @Transactional
    public CustomField update(UUID id, FieldInput in) {
        var before = get(id);
        var errors = new ArrayList<FieldError>();
        if (in.key() != null && !in.key().equals(before.key())) {
            errors.add(new FieldError("key", "cannot change (rename the label instead)"));
        }
        if (in.type() != null && !in.type().equals(before.type())) {
            errors.add(new FieldError("type", "cannot change; create a new field and copy the values"));
        }
        if (in.entity() != null && !in.entity().equals(before.entity())) {
            errors.add(new FieldError("entity", "cannot change"));
        }
        var draft = new CustomField(
                before.id(),
                before.entity(),
                before.key(),
                in.label() == null ? before.label() : label(in.label(), errors),
                before.type(),
                in.required() == null ? before.required() : in.required(),
                null,
                in.options() == null ? before.options() : options(in.options(), before.fieldType(), errors),
                in.validation() == null ? before.validation() : validation(in.validation(), errors),
                in.position() == null ? before.position() : in.position(),
                before.createdAt(),
                Instant.now(clock));
        var field = withDefault(draft, in.defaultValue() == null ? before.defaultValue() : in.defaultValue(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        fields.update(field);
        audit.record("custom_field.updated", "custom_field", id, AuditLog.diff(describe(before), describe(field)));
        return field;
    }

    /**
     * Deletes a field. If records hold values for it, they are removed too, but only with {@code confirm}: without
     * it the answer is a 409 saying how many records would lose their value.
     */
    @Transactional
    public long delete(UUID id, boolean confirm) {
        var field = get(id);
        long holding = fields.countValues(field.entity(), field.key());
        if (holding > 0 && !confirm) {
            throw ApiProblem.conflict(
                    "confirmation_required",
                    holding + " " + field.entity() + " record(s) hold a value for '" + field.label()
                            + "'; deleting the field removes those values. Repeat with confirm=true to go ahead.");
        }
        long stripped = holding > 0 ? fields.stripValues(field.entity(), field.key()) : 0;
        fields.delete(id);
        var changes = new LinkedHashMap<String, AuditLog.Change>(AuditLog.diff(describe(field), Map.of()));
        changes.put("recordsWithValues", new AuditLog.Change(stripped, null));
        audit.record("custom_field.deleted", "custom_field", id, changes);
        return stripped;
    }

    private static Map<String, Object> describe(CustomField f) {
        var m = new LinkedHashMap<String, Object>();
        m.put("entity", f.entity());
        m.put("key", f.key());
        m.put("label", f.label());
        m.put("type", f.type());
        m.put("required", f.required());
        if (f.defaultValue() != null) {
            m.put("defaultValue", f.defaultValue());
        }
        m.put("options", f.options());
        m.put("validation", f.validation());
        return m;
    }

    private static String label(@Nullable String label, List<FieldError> errors) {
        if (label == null || label.isBlank() || label.strip().length() > 200) {
            errors.add(new FieldError("label", "is required (at most 200 characters)"));
            return "field";
        }
        return label.strip();
    }

    static String keyFrom(String label) {
        String key =
                label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
            key = "f_" + key;
        }
        return key.length() > 63 ? key.substring(0, 63) : key;
    }

    private static @Nullable FieldType type(@Nullable String type, List<FieldError> errors) {
        try {
            return type == null ? null : FieldType.of(type);
        } catch (IllegalArgumentException e) {
            // handled below
        }
        var names = java.util.Arrays.stream(FieldType.values())
                .map(FieldType::apiName)
                .toList();
        errors.add(new FieldError("type", "must be one of " + names));
        return null;
    }

    private static List<String> options(
            @Nullable List<String> given, @Nullable FieldType type, List<FieldError> errors) {
        var options = new LinkedHashSet<String>();
        if (given != null) {
            for (String o : given) {
                if (o == null || o.isBlank() || o.length() > 200) {
                    errors.add(new FieldError("options", "must be non-empty texts of at most 200 characters"));
                    break;
                }
                options.add(o.strip());
            }
        }
        boolean selectable = type == FieldType.SELECT || type == FieldType.MULTI_SELECT;
        if (selectable && options.isEmpty()) {
            errors.add(new FieldError("options", "a select field needs at least one option"));
        }
        if (!selectable && !options.isEmpty()) {
            errors.add(new FieldError("options", "only select and multi_select fields have options"));
        }
        return List.copyOf(options);
    }

    private static Map<String, Object> validation(@Nullable Map<String, Object> given, List<FieldError> errors) {
        if (given == null) {
            return Map.of();
        }
        for (var e : given.entrySet()) {
            switch (e.getKey()) {
                case "min", "max" -> {
                    if (!(e.getValue() instanceof Number)) {
                        errors.add(new FieldError("validation." + e.getKey(), "must be a number"));
                    }
                }
                case "pattern" -> {
                    try {
                        Pattern.compile(String.valueOf(e.getValue()));
                    } catch (PatternSyntaxException ex) {
                        errors.add(new FieldError("validation.pattern", "is not a regular expression"));
                    }
                }
                case "currency" -> {
                    if (!(e.getValue() instanceof String c) || !c.matches("^[A-Z]{3}$")) {
                        errors.add(new FieldError("validation.currency", "must be an ISO 4217 code like EUR"));
                    }
                }
                default -> errors.add(new FieldError("validation." + e.getKey(), "is not a known rule"));
            }
        }
        return Map.copyOf(given);
    }

    private static CustomField withDefault(CustomField f, @Nullable Object dflt, List<FieldError> errors) {
        if (FieldValues.isBlank(dflt)) {
            return f;
        }
        Object stored = FieldValues.check(f, dflt, "defaultValue", errors);
        return new CustomField(
                f.id(),
                f.entity(),
                f.key(),
                f.label(),
                f.type(),
                f.required(),
                stored,
                f.options(),
                f.validation(),
                f.position(),
                f.createdAt(),
                f.updatedAt());
    }
}
