package io.crmflow.companies;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Merging companies: contacts and child companies move to the survivor; undo moves them back. */
@IntegrationTest
class CompanyMergeTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void workspace() {
        api = new Api(port);
        api.signUpFresh("Company merges");
    }

    String create(String path, Map<String, Object> body) {
        var created = api.post(path, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A company; one with a domain is returned once its enrichment job has run (it fills the website). */
    String company(Map<String, Object> body) {
        String id = create("/api/v1/companies", body);
        if (body.containsKey("domain")) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !api.get("/api/v1/companies/" + id)
                            .json()
                            .get("enrichment")
                            .isNull());
        }
        return id;
    }

    @Test
    void mergeMovesContactsAndReparentsChildrenAndUndoMovesThemBack() {
        String holding = company(Map.of("name", "Holding"));
        String acme = company(Map.of("name", "Acme Inc", "domain", "acme.com"));
        String acme2 = company(Map.of(
                "name",
                "ACME Incorporated",
                "domain",
                "acme.com",
                "industry",
                "Tools",
                "parentId",
                holding,
                "annualRevenue",
                1000,
                "currency",
                "EUR",
                "tags",
                List.of("b")));
        String child = company(Map.of("name", "Acme Labs", "parentId", acme2));
        String worker = create("/api/v1/contacts", Map.of("firstName", "Wile", "companyId", acme2));
        var acmeBefore = api.get("/api/v1/companies/" + acme).json().toString();
        var acme2Before = api.get("/api/v1/companies/" + acme2).json().toString();

        var dup = api.get("/api/v1/companies/duplicates").json();
        assertThat(dup.at("/data/0/ids").toString()).contains(acme, acme2);
        assertThat(dup.at("/data/0/reasons").toString()).contains("same domain");

        var merged = api.post(
                "/api/v1/companies/merge",
                Map.of("survivorId", acme, "mergedIds", List.of(acme2), "fields", Map.of("parentId", acme2)));
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        var survivor = api.get("/api/v1/companies/" + acme).json();
        assertThat(survivor.get("name").asString()).isEqualTo("Acme Inc");
        assertThat(survivor.get("industry").asString())
                .as("filled from the merged one")
                .isEqualTo("Tools");
        assertThat(survivor.get("annualRevenue").asInt()).isEqualTo(1000);
        assertThat(survivor.get("currency").asString()).isEqualTo("EUR");
        assertThat(survivor.get("parentId").asString()).isEqualTo(holding);
        assertThat(survivor.get("tags").toString()).isEqualTo("[\"b\"]");
        assertThat(api.get("/api/v1/companies/" + child).json().get("parentId").asString())
                .isEqualTo(acme);
        assertThat(api.get("/api/v1/contacts/" + worker).json().get("companyId").asString())
                .isEqualTo(acme);
        assertThat(api.get("/api/v1/companies/" + acme2).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/companies/duplicates").json().get("data").size())
                .isZero();

        var undone = api.post("/api/v1/merges/" + merged.json().get("mergeId").asString() + "/undo", Map.of());
        assertThat(undone.status()).as(undone.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/v1/companies/" + acme).json().toString()).isEqualTo(acmeBefore);
        assertThat(api.get("/api/v1/companies/" + acme2).json().toString()).isEqualTo(acme2Before);
        assertThat(api.get("/api/v1/companies/" + child).json().get("parentId").asString())
                .isEqualTo(acme2);
        assertThat(api.get("/api/v1/contacts/" + worker).json().get("companyId").asString())
                .isEqualTo(acme2);
        assertThat(api.post("/api/v1/undo/" + merged.json().get("mergeId").asString(), Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aSurvivorBelowAMergedCompanyKeepsNoLoop() {
        String top = company(Map.of("name", "Top"));
        String mid = company(Map.of("name", "Mid", "parentId", top));
        String low = company(Map.of("name", "Low", "parentId", mid));
        var merged = api.post("/api/v1/companies/merge", Map.of("survivorId", low, "mergedIds", List.of(mid)));
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/v1/companies/" + low).json().get("parentId").asString())
                .isEqualTo(top);
    }

    @Test
    void similarNamesAreGroupedAndOtherWorkspacesIdsAre404() {
        String a = company(Map.of("name", "Globex Corporation"));
        String b = company(Map.of("name", "Globex Corporatoin"));
        company(Map.of("name", "Initech"));
        var groups = new ArrayList<String>();
        api.get("/api/v1/companies/duplicates")
                .json()
                .get("data")
                .forEach(g -> groups.add(g.get("ids").toString()));
        assertThat(groups).containsExactly("[\"" + a + "\",\"" + b + "\"]");

        var others = new Api(port);
        others.signUpFresh("Others");
        String foreign = others.post("/api/v1/companies", Map.of("name", "Globex Corp"))
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/companies/merge", Map.of("survivorId", a, "mergedIds", List.of(foreign)))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/companies/duplicates/ignore", Map.of("ids", List.of(a, foreign)))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/companies/duplicates/ignore", Map.of("ids", List.of(a, b)))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/companies/duplicates").json().get("data").size())
                .isZero();
        assertThat(api.post("/api/v1/companies/merge", Map.of("survivorId", a, "mergedIds", List.of(UUID.randomUUID())))
                        .status())
                .isEqualTo(404);
        var viewer = api.inviteNewMember("VIEWER");
        assertThat(viewer.post("/api/v1/companies/merge", Map.of("survivorId", a, "mergedIds", List.of(b)))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void bulkUpdateOfCompaniesIsUndoneOnce() {
        String a = company(Map.of("name", "A", "industry", "Retail"));
        String b = company(Map.of("name", "B"));
        var done = api.post(
                "/api/v1/companies/bulk",
                Map.of("all", true, "query", Map.of(), "action", "update", "field", "size", "value", "11-50"));
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        assertThat(done.json().get("affected").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/companies/" + b).json().get("size").asString())
                .isEqualTo("11-50");
        var industry = api.post(
                "/api/v1/companies/bulk",
                Map.of("ids", List.of(a), "action", "update", "field", "industry", "value", "Tech"));
        assertThat(api.get("/api/v1/companies/" + a).json().get("industry").asString())
                .isEqualTo("Tech");
        String undo = done.json().get("undoId").asString();
        assertThat(api.post("/api/v1/undo/" + undo, Map.of()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/companies/" + b).json().get("size").isNull())
                .isTrue();
        assertThat(api.get("/api/v1/companies/" + a).json().get("industry").asString())
                .as("undo puts back only the column the action changed")
                .isEqualTo("Tech");
        assertThat(api.post("/api/v1/undo/" + undo, Map.of()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/undo/" + industry.json().get("undoId").asString(), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/companies/" + a).json().get("industry").asString())
                .isEqualTo("Retail");
    }
}
