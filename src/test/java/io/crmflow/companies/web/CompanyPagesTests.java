package io.crmflow.companies.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The company pages over HTTP: list, form with field errors, detail with its tree; viewers and strangers. */
@IntegrationTest
class CompanyPagesTests {

    @LocalServerPort
    int port;

    @Test
    void listFormDetailAndTreeRender() {
        var api = new Api(port);
        api.signUpFresh("Company pages");
        String parent = api.post("/api/v1/companies", Map.of("name", "Holding AG", "domain", "holding.example"))
                .json()
                .get("id")
                .asString();
        var created =
                api.postForm("/companies", Map.of("name", "Initech", "domain", "initech.example", "parentId", parent));
        assertThat(created.status()).isEqualTo(302);
        String id = created.header("Location").replaceAll(".*/companies/", "");
        api.post("/api/v1/contacts", Map.of("firstName", "Peter", "companyId", id));

        var list = api.get("/companies?q=initech");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body())
                .contains("data-testid=\"companies-table\"", "data-testid=\"company-row\"", "<mark>Initech</mark>");
        var detail = api.get("/companies/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.raw().body())
                .contains("data-testid=\"company-detail\"", "data-testid=\"company-tree\"", "Holding AG", "1 contacts");
        assertThat(api.get("/companies/" + id + "/edit").raw().body())
                .contains("data-testid=\"company-form\"", "value=\"initech.example\"");
        assertThat(api.get("/companies/new").raw().body()).contains("data-testid=\"company-save\"");

        var bad = api.postForm("/companies", Map.of("name", "", "domain", "not a domain"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().body()).contains("data-testid=\"field-error\"", "is not a domain name");
        var looping = api.postForm("/companies/" + parent, Map.of("name", "Holding AG", "parentId", id));
        assertThat(looping.status()).isEqualTo(422);
        assertThat(looping.raw().body()).contains("would make the hierarchy loop");
    }

    @Test
    void aViewerSeesNoWriteButtonsAndForeignIdsAre404() {
        var owner = new Api(port);
        owner.signUpFresh("Viewer companies");
        String id = owner.post("/api/v1/companies", Map.of("name", "Umbrella"))
                .json()
                .get("id")
                .asString();
        var viewer = owner.inviteNewMember("VIEWER");
        assertThat(viewer.get("/companies").raw().body())
                .contains("data-testid=\"company-row\"")
                .doesNotContain("data-testid=\"companies-new\"");
        assertThat(viewer.get("/companies/" + id).raw().body())
                .contains("data-testid=\"company-detail\"")
                .doesNotContain("data-testid=\"company-edit\"")
                .doesNotContain("data-testid=\"company-delete\"");
        assertThat(viewer.get("/companies/" + id + "/edit").status()).isEqualTo(403);

        var stranger = new Api(port);
        stranger.signUpFresh("Elsewhere");
        assertThat(stranger.get("/companies/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/companies/" + id + "/edit").status()).isEqualTo(404);
        assertThat(stranger.get("/companies/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void duplicateCompaniesMergeFromTheirPages() {
        var api = new Api(port);
        api.signUpFresh("Company duplicates");
        String a = api.post("/api/v1/companies", Map.of("name", "Acme", "domain", "acme.example"))
                .json()
                .get("id")
                .asString();
        String b = api.post(
                        "/api/v1/companies", Map.of("name", "ACME Inc", "domain", "acme.example", "industry", "Anvils"))
                .json()
                .get("id")
                .asString();
        assertThat(api.get("/companies/duplicates").raw().body())
                .contains("data-testid=\"duplicate-group\"", "data-testid=\"merge-open\"");
        assertThat(api.get("/companies/merge?ids=" + a + "," + b).raw().body())
                .contains("data-testid=\"merge-field-name-0\"", "data-testid=\"merge-survivor-1\"");
        var merged = api.postForm("/companies/merge", Map.of("ids", a + "," + b, "survivorId", a, "field.industry", b));
        assertThat(merged.status()).isEqualTo(302);
        assertThat(merged.header("Location")).endsWith("/companies/" + a);
        assertThat(api.get("/api/v1/companies/" + a).json().get("industry").asString())
                .isEqualTo("Anvils");
        assertThat(api.get("/api/v1/companies/" + b).status()).isEqualTo(404);
    }
}
