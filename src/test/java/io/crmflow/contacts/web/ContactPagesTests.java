package io.crmflow.contacts.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The contact pages over HTTP: they render for members, hide writes from viewers, 404 foreign ids. */
@IntegrationTest
class ContactPagesTests {

    @LocalServerPort
    int port;

    private static String id(Api.Response created) {
        return created.json().get("id").asString();
    }

    @Test
    void listFormAndDetailRenderForAMember() {
        var api = new Api(port);
        api.signUpFresh("Contact pages");
        String company = id(api.post("/api/v1/companies", Map.of("name", "Globex <Corp>")));
        String ada = id(api.post(
                "/api/v1/contacts",
                Map.of(
                        "firstName",
                        "Ada",
                        "lastName",
                        "Lovelace",
                        "email",
                        "ada@example.com",
                        "companyId",
                        company,
                        "tags",
                        List.of("vip"))));

        var list = api.get("/contacts?q=lovel");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body())
                .contains(
                        "data-testid=\"contacts-table\"",
                        "data-testid=\"contact-row\"",
                        "data-testid=\"contacts-new\"",
                        "data-testid=\"column-chooser\"",
                        "data-testid=\"filter-add\"",
                        "data-testid=\"segment-save\"",
                        "data-testid=\"bulk-bar\"",
                        "<mark>Lovel</mark>ace",
                        "Globex &lt;Corp&gt;");

        var rows = api.send(api.request("/contacts?sort=-name")
                .header("HX-Request", "true")
                .header("HX-Target", "contact-results")
                .GET());
        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.raw().body()).doesNotContain("<html").contains("data-testid=\"contact-row\"");

        assertThat(api.get("/contacts/new").raw().body()).contains("data-testid=\"contact-form\"");
        var detail = api.get("/contacts/" + ada);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.raw().body())
                .contains(
                        "data-testid=\"contact-detail\"",
                        "data-testid=\"contact-edit\"",
                        "data-testid=\"contact-delete\"",
                        "data-testid=\"timeline\"",
                        "data-testid=\"note-add\"");
        assertThat(api.get("/contacts/" + ada + "/edit").raw().body()).contains("value=\"Lovelace\"");
        assertThat(api.get("/search/suggest?q=ada").raw().body()).contains("data-testid=\"global-search-result\"");
        assertThat(api.get("/contacts/of-company/" + company).raw().body()).contains("Ada Lovelace");
    }

    @Test
    void invalidFormShowsFieldErrorsAndSavesNothing() {
        var api = new Api(port);
        api.signUpFresh("Contact form");
        var bad = api.postForm(
                "/contacts", Map.of("firstName", "Bob", "email", "not-an-email", "phone", "12", "tags", "a"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().body())
                .contains("data-testid=\"field-error\"", "is not an email address", "value=\"Bob\"");
        assertThat(api.get("/api/v1/contacts").json().get("data").size()).isZero();

        var good = api.postForm("/contacts", Map.of("firstName", "Bob", "email", "bob@example.com"));
        assertThat(good.status()).isEqualTo(302);
        assertThat(good.header("Location")).contains("/contacts/");
        String id = good.header("Location").replaceAll(".*/contacts/", "");
        var edited = api.postForm("/contacts/" + id, Map.of("firstName", "Robert", "email", "bob@example.com"));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/contacts/" + id).json().get("firstName").asString())
                .isEqualTo("Robert");

        assertThat(api.postForm("/contacts/" + id + "/delete", Map.of()).status())
                .isEqualTo(302);
        assertThat(api.get("/contacts?trash=true").raw().body()).contains("data-testid=\"contact-restore\"");
        assertThat(api.postForm("/contacts/" + id + "/restore", Map.of()).status())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(200);
    }

    @Test
    void aViewerSeesNoWriteButtonsAndForeignIdsAre404() {
        var owner = new Api(port);
        owner.signUpFresh("Viewer contacts");
        String id = id(owner.post("/api/v1/contacts", Map.of("firstName", "Vee", "email", "vee@example.com")));
        var viewer = owner.inviteNewMember("VIEWER");
        var list = viewer.get("/contacts");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body())
                .contains("data-testid=\"contact-row\"")
                .doesNotContain("data-testid=\"contacts-new\"");
        var detail = viewer.get("/contacts/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.raw().body())
                .doesNotContain("data-testid=\"contact-edit\"")
                .doesNotContain("data-testid=\"contact-delete\"")
                .doesNotContain("data-testid=\"note-add\"");
        assertThat(viewer.get("/contacts/new").status()).isEqualTo(403);
        assertThat(viewer.postForm("/contacts", Map.of("firstName", "X")).status())
                .isEqualTo(403);

        var stranger = new Api(port);
        stranger.signUpFresh("Elsewhere");
        assertThat(stranger.get("/contacts/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/contacts/" + id + "/edit").status()).isEqualTo(404);
        assertThat(stranger.get("/contacts/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void duplicatesAndMergePagesMergeWithTheChosenValues() {
        var api = new Api(port);
        api.signUpFresh("Duplicate pages");
        String a = id(api.post(
                "/api/v1/contacts", Map.of("firstName", "Ann", "lastName", "Lee", "email", "dup@example.com")));
        String b = id(api.post(
                "/api/v1/contacts",
                Map.of("firstName", "Anne", "lastName", "Lee", "email", "dup@example.com", "jobTitle", "CFO")));

        assertThat(api.get("/contacts/duplicates").raw().body())
                .contains(
                        "data-testid=\"duplicate-group\"",
                        "data-testid=\"merge-open\"",
                        "data-testid=\"duplicate-ignore\"");
        assertThat(api.get("/contacts/duplicates?contactId=" + a).raw().body())
                .contains("data-testid=\"duplicate-group\"");
        var mergePage = api.get("/contacts/merge?ids=" + a + "," + b);
        assertThat(mergePage.status()).isEqualTo(200);
        assertThat(mergePage.raw().body())
                .contains(
                        "data-testid=\"merge-field-firstName-0\"",
                        "data-testid=\"merge-field-firstName-1\"",
                        "data-testid=\"merge-survivor-1\"",
                        "data-testid=\"merge-submit\"");

        var viewer = api.inviteNewMember("VIEWER");
        assertThat(viewer.get("/contacts/duplicates").raw().body())
                .contains("data-testid=\"duplicate-group\"")
                .doesNotContain("data-testid=\"merge-open\"");
        assertThat(viewer.get("/contacts/merge?ids=" + a + "," + b).status()).isEqualTo(403);
        var stranger = new Api(port);
        stranger.signUpFresh("Stranger");
        assertThat(stranger.get("/contacts/merge?ids=" + a + "," + b).status()).isEqualTo(404);

        var merged = api.postForm(
                "/contacts/merge",
                Map.of("ids", a + "," + b, "survivorId", b, "field.firstName", a, "field.jobTitle", b));
        assertThat(merged.status()).isEqualTo(302);
        assertThat(merged.header("Location")).endsWith("/contacts/" + b);
        var survivor = api.get("/api/v1/contacts/" + b).json();
        assertThat(survivor.get("firstName").asString()).isEqualTo("Ann");
        assertThat(survivor.get("jobTitle").asString()).isEqualTo("CFO");
        assertThat(api.get("/api/v1/contacts/" + a).status()).isEqualTo(404);
        assertThat(api.get("/contacts/duplicates").raw().body()).contains("data-testid=\"duplicates-empty\"");

        String survivorPage = api.get("/contacts/" + b).raw().body();
        var undo = java.util.regex.Pattern.compile("action=\"(/merges/[^\"]+/undo)\"")
                .matcher(survivorPage);
        assertThat(undo.find()).as("the survivor's page offers Undo once").isTrue();
        var undone = api.postForm(undo.group(1), Map.of());
        assertThat(undone.status()).isEqualTo(302);
        assertThat(api.get("/contacts").raw().body()).contains("Merge undone");
        assertThat(api.get("/api/v1/contacts/" + a).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/contacts/" + b).json().get("firstName").asString())
                .isEqualTo("Anne");
    }

    @Test
    void customFieldsAreRenderedPerTypeWithTheirErrors() {
        var api = new Api(port);
        api.signUpFresh("Custom field form");
        api.post(
                "/api/v1/custom-fields",
                Map.of("entity", "contact", "label", "Score", "type", "number", "required", true));
        api.post(
                "/api/v1/custom-fields",
                Map.of("entity", "contact", "label", "Tier", "type", "select", "options", List.of("gold", "silver")));
        api.post("/api/v1/custom-fields", Map.of("entity", "contact", "label", "VIP", "type", "boolean"));
        var form = api.get("/contacts/new").raw().body();
        assertThat(form)
                .contains("data-testid=\"cf-score\"", "data-testid=\"cf-tier\"", "data-testid=\"cf-vip\"", "gold");

        var bad = api.postForm("/contacts", Map.of("firstName", "Cy", "cf.score", "lots", "cf.tier", "gold"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().body()).contains("data-testid=\"field-error\"", "value=\"lots\"");
        assertThat(api.get("/api/v1/contacts").json().get("data").size()).isZero();

        var good = api.postForm(
                "/contacts", Map.of("firstName", "Cy", "cf.score", "7", "cf.tier", "gold", "cf.vip", "true"));
        assertThat(good.status()).isEqualTo(302);
        String id = good.header("Location").replaceAll(".*/contacts/", "");
        var custom = api.get("/api/v1/contacts/" + id).json().get("customFields");
        assertThat(custom.get("tier").asString()).isEqualTo("gold");
        assertThat(custom.get("vip").asBoolean()).isTrue();
        assertThat(api.get("/contacts?sort=custom.score").raw().body()).contains("data-col=\"custom.score\"");
    }
}
