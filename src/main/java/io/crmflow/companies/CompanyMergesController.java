package io.crmflow.companies;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/companies/duplicates} and {@code /api/v1/companies/merge} (undo: {@code /api/v1/merges/{id}/undo}). */
@RestController
class CompanyMergesController {

    private final CompanyDuplicates duplicates;
    private final CompanyMerges merges;

    CompanyMergesController(CompanyDuplicates duplicates, CompanyMerges merges) {
        this.duplicates = duplicates;
        this.merges = merges;
    }

    @GetMapping("/api/v1/companies/duplicates")
    CompanyDuplicates.Page duplicates(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return duplicates.groups(limit, cursor);
    }

    @PostMapping("/api/v1/companies/duplicates/ignore")
    ResponseEntity<Void> ignore(@RequestBody Map<String, Object> body) {
        duplicates.ignore(body.get("ids") instanceof List<?> ids ? ids : null);
        return ResponseEntity.noContent().build();
    }

    /** {@code {survivorId, mergedIds: [1–4], fields: {fieldName: recordId}}}. */
    @PostMapping("/api/v1/companies/merge")
    CompanyMerges.Merged merge(@RequestBody Map<String, Object> body) {
        return merges.merge(body);
    }
}
