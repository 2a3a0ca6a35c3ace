package io.crmflow.customfields;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/custom-fields}: everyone reads the definitions; OWNERs and ADMINs change them. */
@RestController
class CustomFieldsController {

    private final CustomFields fields;

    CustomFieldsController(CustomFields fields) {
        this.fields = fields;
    }

    @GetMapping("/api/v1/custom-fields")
    Map<String, List<CustomField>> list(@RequestParam(required = false) @Nullable String entity) {
        return Map.of("data", fields.list(entity));
    }

    @GetMapping("/api/v1/custom-fields/{id}")
    CustomField get(@PathVariable UUID id) {
        return fields.get(id);
    }

    @PostMapping("/api/v1/custom-fields")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    CustomField create(@RequestBody CustomFields.FieldInput body) {
        return fields.create(body);
    }

    @PatchMapping("/api/v1/custom-fields/{id}")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    CustomField update(@PathVariable UUID id, @RequestBody CustomFields.FieldInput body) {
        return fields.update(id, body);
    }

    /** Without {@code confirm=true}, a field holding values answers 409 {@code confirmation_required}. */
    @DeleteMapping("/api/v1/custom-fields/{id}")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    Map<String, Object> delete(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean confirm) {
        return Map.of("deleted", true, "valuesRemoved", fields.delete(id, confirm));
    }
}
