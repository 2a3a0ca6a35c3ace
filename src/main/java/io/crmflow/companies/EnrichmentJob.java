package io.crmflow.companies;

import io.crmflow.platform.jobs.JobHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs the enrichers for one company (payload: its id) and stores what they found (see {@link CompanyEnrichment}). */
@Component
class EnrichmentJob implements JobHandler {

    static final String KIND = "companies.enrich";
    /** Enrichment field → the company field it fills ({@code country} goes to the address). */
    private static final List<String> FIELDS = List.of("name", "website", "industry", "size", "country");

    private final Companies companies;
    private final CompanyRepository repository;
    private final List<CompanyEnricher> enrichers;
    private final TransactionTemplate tx;
    private final Clock clock;

    EnrichmentJob(
            Companies companies,
            CompanyRepository repository,
            List<CompanyEnricher> enrichers,
            TransactionTemplate tx,
            Clock clock) {
        this.companies = companies;
        this.repository = repository;
        this.enrichers = enrichers;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String payload) throws Exception {
        UUID id = UUID.fromString(payload);
        var company = tx.execute(s -> repository.find(id, false).orElse(null));
        if (company == null || company.domain() == null) {
            return;
        }
        var found = new HashMap<String, Object>();
        var providers = new ArrayList<String>();
        for (CompanyEnricher enricher : enrichers) {
            var values = enricher.enrich(company.domain());
            if (!values.isEmpty()) {
                found.putAll(values);
                providers.add(enricher.name());
            }
        }
        tx.executeWithoutResult(s -> store(id, company.domain(), found, providers));
    }

    private void store(UUID id, String domain, Map<String, Object> found, List<String> providers) {
        var company = repository.find(id, false).orElse(null);
        if (company == null || !domain.equals(company.domain())) {
            return;
        }
        var fill = new LinkedHashMap<String, Object>();
        var suggestions = new LinkedHashMap<String, Object>();
        for (String field : FIELDS) {
            Object value = found.get(field);
            if (value == null || (field.equals("size") && !Companies.SIZES.contains(value))) {
                continue;
            }
            Object current = CompanyEnrichment.current(company, field);
            if (current == null) {
                fill.put(field, value);
            } else if (!Objects.equals(String.valueOf(current), String.valueOf(value))) {
                suggestions.put(field, value);
            }
        }
        var enrichment = new LinkedHashMap<String, Object>();
        enrichment.put("domain", domain);
        enrichment.put("providers", providers);
        enrichment.put("at", Instant.now(clock).toString());
        enrichment.put("data", found);
        enrichment.put("suggestions", suggestions);
        repository.setEnrichment(id, enrichment);
        if (!fill.isEmpty()) {
            companies.update(id, CompanyEnrichment.patch(company, fill));
        }
    }
}
