package io.crmflow.companies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP provider slot: set {@code CRMFLOW_ENRICHMENT_URL} (and optionally {@code CRMFLOW_ENRICHMENT_TOKEN}) to
 * a service answering {@code GET <url>?domain=acme.com} with a JSON object of the fields {@link CompanyEnricher}
 * names. It runs after the offline provider, so its values win. Any failure makes the job retry.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "crmflow.enrichment.url")
class HttpEnricher implements CompanyEnricher {

    private final URI url;
    private final String token;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpEnricher(
            @Value("${crmflow.enrichment.url}") URI url,
            @Value("${crmflow.enrichment.token:}") String token,
            JsonMapper json) {
        this.url = url;
        this.token = token;
        this.json = json;
    }

    @Override
    public String name() {
        return url.getHost();
    }

    @Override
    public Map<String, Object> enrich(String domain) throws Exception {
        var request = HttpRequest.newBuilder(UriComponentsBuilder.fromUri(url)
                        .queryParam("domain", domain)
                        .build()
                        .toUri())
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Map.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("enrichment provider answered " + response.statusCode());
        }
        return json.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
    }
}
