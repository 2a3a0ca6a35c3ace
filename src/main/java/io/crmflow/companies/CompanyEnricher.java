package io.crmflow.companies;

import java.util.Map;

/**
 * A source of facts about a company, found from its domain. Values are keyed by field: {@code name},
 * {@code website}, {@code industry}, {@code size}, {@code country} (ISO 3166 alpha-2) and
 * {@code faviconUrl}; other keys are kept as data. Implementations are beans; all of them run, later ones (higher {@code @Order}) winning.
 */
public interface CompanyEnricher {

    /** Short name of the provider, shown with what it found. */
    String name();

    /** What this provider knows about {@code domain} (normalised, e.g. {@code acme.com}); empty if nothing. */
    Map<String, Object> enrich(String domain) throws Exception;
}
