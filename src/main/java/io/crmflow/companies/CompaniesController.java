package io.crmflow.companies;

import io.crmflow.platform.web.CursorPage;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/companies}. */
@RestController
class CompaniesController {

    private final Companies companies;
    private final CompanyEnrichment enrichment;

    CompaniesController(Companies companies, CompanyEnrichment enrichment) {
        this.companies = companies;
        this.enrichment = enrichment;
    }

    record ApplyInput(@Nullable List<String> fields) {}

    /** Lists companies: {@code q}, {@code filter}, {@code segmentId}, {@code sort}, {@code limit}, {@code cursor}. */
    @GetMapping("/api/v1/companies")
    CursorPage<CompanyView> list(@RequestParam Map<String, String> params) {
        return companies.list(params);
    }

    @PostMapping("/api/v1/companies")
    @ResponseStatus(HttpStatus.CREATED)
    CompanyView create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CompanyInput.class)))
                    @RequestBody
                    Map<String, Object> body) {
        return companies.create(body);
    }

    @GetMapping("/api/v1/companies/{id}")
    CompanyView get(@PathVariable UUID id) {
        return companies.get(id);
    }

    /** Partial update: fields absent stay as they are, fields given as null are cleared. */
    @PatchMapping("/api/v1/companies/{id}")
    CompanyView update(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CompanyInput.class)))
                    @RequestBody
                    Map<String, Object> body) {
        return companies.update(id, body);
    }

    /** Moves the company to the trash (restorable for 30 days). */
    @DeleteMapping("/api/v1/companies/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        companies.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/companies/{id}/restore")
    CompanyView restore(@PathVariable UUID id) {
        return companies.restore(id);
    }

    /** Queues enrichment from the company's domain; results land in {@code enrichment}. */
    @PostMapping("/api/v1/companies/{id}/enrich")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> enrich(@PathVariable UUID id) {
        enrichment.request(id);
        return Map.of("status", "queued");
    }

    /** Applies chosen suggestions ({@code enrichment.suggestions}) over values a user entered. */
    @PostMapping("/api/v1/companies/{id}/enrichment/apply")
    CompanyView applyEnrichment(@PathVariable UUID id, @RequestBody ApplyInput body) {
        return enrichment.apply(id, body.fields());
    }

    @DeleteMapping("/api/v1/companies/{id}/enrichment/suggestions")
    CompanyView dismissEnrichment(@PathVariable UUID id) {
        return enrichment.dismiss(id);
    }

    /** Ancestors, the subtree with depth and contact counts, and roll-up totals. */
    @GetMapping("/api/v1/companies/{id}/tree")
    Map<String, Object> tree(@PathVariable UUID id) {
        return companies.tree(id);
    }
}
