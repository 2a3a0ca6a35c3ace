package io.crmflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Enrichment runs as a job, fills empty fields, and only suggests values that differ from what a user entered. */
@IntegrationTest
class CompanyEnrichmentTests {

    @LocalServerPort
    int port;

    @Test
    void fillsEmptyFieldsAndSuggestsTheRest() {
        var api = new Api(port);
        api.signUpFresh("Enrich");
        String id = api.post("/api/v1/companies", Map.of("name", "ACME GmbH", "domain", "www.acme-widgets.co.uk"))
                .json()
                .get("id")
                .asString();
        JsonNode company = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/companies/" + id).json(),
                        c -> !c.get("enrichment").isNull());
        assertThat(company.get("website").asString()).isEqualTo("https://acme-widgets.co.uk");
        assertThat(company.at("/address/country").asString()).isEqualTo("GB");
        assertThat(company.at("/enrichment/data/faviconUrl").asString())
                .isEqualTo("https://acme-widgets.co.uk/favicon.ico");
        assertThat(company.get("name").asString()).isEqualTo("ACME GmbH");
        assertThat(company.at("/enrichment/suggestions/name").asString()).isEqualTo("Acme Widgets");

        assertThat(api.post("/api/v1/companies/" + id + "/enrichment/apply", Map.of("fields", List.of("industry")))
                        .status())
                .isEqualTo(400);
        var applied = api.post("/api/v1/companies/" + id + "/enrichment/apply", Map.of("fields", List.of("name")));
        assertThat(applied.status()).as(applied.raw().body()).isEqualTo(200);
        var after = api.get("/api/v1/companies/" + id).json();
        assertThat(after.get("name").asString()).isEqualTo("Acme Widgets");
        assertThat(after.at("/enrichment/suggestions").size()).isZero();

        String noDomain = api.post("/api/v1/companies", Map.of("name", "Plain"))
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/companies/" + noDomain + "/enrich", Map.of())
                        .status())
                .isEqualTo(400);
    }
}
