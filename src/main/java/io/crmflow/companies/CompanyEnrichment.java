package io.crmflow.companies;

import io.crmflow.platform.jobs.Jobs;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.RecordChanged;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enriches companies from their domain as a job (queued when a company gets a new domain, or on request). Empty
 * fields are filled; a value that differs from what a user entered is only suggested, in
 * {@code enrichment.suggestions}, until someone applies or dismisses it.
 */
@Service
public class CompanyEnrichment {

    private final Companies companies;
    private final CompanyRepository repository;
    private final Jobs jobs;

    CompanyEnrichment(Companies companies, CompanyRepository repository, Jobs jobs) {
        this.companies = companies;
        this.repository = repository;
        this.jobs = jobs;
    }

    /** Queues enrichment of a company with a domain; 400 without one. */
    @Transactional
    public void request(UUID id) {
        var company = companies.get(id);
        if (company.domain() == null) {
            throw ApiProblem.invalid("domain", "the company has no domain to enrich from");
        }
        jobs.enqueue(EnrichmentJob.KIND, id.toString());
    }

    /** A company that got a domain it was not enriched from is queued (in the change's transaction). */
    @EventListener
    void on(RecordChanged event) {
        if (!event.type().equals("company.created") && !event.type().equals("company.updated")) {
            return;
        }
        Object domain = event.data().get("domain");
        Object enrichment = event.data().get("enrichment");
        Object enrichedFrom = enrichment instanceof Map<?, ?> m ? m.get("domain") : null;
        if (domain != null && !domain.equals(enrichedFrom)) {
            jobs.enqueue(EnrichmentJob.KIND, event.id().toString());
        }
    }

    /** Applies some suggested values (the user chose them) and drops them from the suggestions. */
    @Transactional
    public CompanyView apply(UUID id, @Nullable List<String> fields) {
        var company = companies.get(id);
        var enrichment = company.enrichment();
        @SuppressWarnings("unchecked")
        var suggestions = enrichment == null
                ? Map.<String, Object>of()
                : (Map<String, Object>) enrichment.getOrDefault("suggestions", Map.of());
        if (fields == null || fields.isEmpty() || !suggestions.keySet().containsAll(fields)) {
            throw ApiProblem.invalid("fields", "must name suggested fields: " + suggestions.keySet());
        }
        var chosen = new LinkedHashMap<String, Object>();
        fields.forEach(f -> chosen.put(f, suggestions.get(f)));
        var rest = new LinkedHashMap<>(suggestions);
        rest.keySet().removeAll(fields);
        var updated = new LinkedHashMap<>(enrichment);
        updated.put("suggestions", rest);
        repository.setEnrichment(id, updated);
        return companies.update(id, patch(company, chosen));
    }

    /** Drops every pending suggestion. */
    @Transactional
    public CompanyView dismiss(UUID id) {
        var company = companies.get(id);
        if (company.enrichment() != null) {
            var updated = new LinkedHashMap<>(company.enrichment());
            updated.put("suggestions", Map.of());
            repository.setEnrichment(id, updated);
        }
        return companies.get(id);
    }

    static @Nullable Object current(CompanyView c, String field) {
        return switch (field) {
            case "name" -> c.name();
            case "website" -> c.website();
            case "industry" -> c.industry();
            case "size" -> c.size();
            case "country" -> c.address().get("country");
            default -> null;
        };
    }

    static Map<String, Object> patch(CompanyView c, Map<String, Object> values) {
        var patch = new HashMap<String, Object>(values);
        Object country = patch.remove("country");
        if (country != null) {
            var address = new HashMap<String, Object>(c.address());
            address.put("country", country);
            patch.put("address", address);
        }
        return patch;
    }
}
