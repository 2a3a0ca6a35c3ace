package io.crmflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Contacts over real HTTP: create, read, partial update, trash, lists with filters, sorting, keyset and search. */
@IntegrationTest
class ContactsApiTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void workspace() {
        api = new Api(port);
        api.signUpFresh("Contacts");
    }

    JsonNode create(Map<String, Object> body) {
        var created = api.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void createsAContactWithTheDocumentedFieldsAndNormalisesThem() {
        String company = api.post("/api/v1/companies", Map.of("name", "Acme", "domain", "https://WWW.Acme.com/x"))
                .json()
                .get("id")
                .asString();
        var field = api.post(
                "/api/v1/custom-fields",
                Map.of("entity", "contact", "label", "Tier", "type", "select", "options", List.of("gold", "silver")));
        assertThat(field.status()).as(field.raw().body()).isEqualTo(201);
        var body = new HashMap<String, Object>();
        body.put("firstName", "Ada");
        body.put("lastName", "Lovelace");
        body.put("email", " Ada@Example.COM ");
        body.put("emails", List.of("ada.work@example.org"));
        body.put("phone", "+1 (415) 555-2671");
        body.put("jobTitle", "Analyst");
        body.put("companyId", company);
        body.put("tags", List.of("vip", "math"));
        body.put("customFields", Map.of("tier", "Gold"));
        var ada = create(body);
        assertThat(ada.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(ada.get("emails").toString()).isEqualTo("[\"ada@example.com\",\"ada.work@example.org\"]");
        assertThat(ada.get("phone").asString()).isEqualTo("+14155552671");
        assertThat(ada.at("/customFields/tier").asString()).isEqualTo("gold");
        assertThat(ada.get("companyId").asString()).isEqualTo(company);
        assertThat(api.get("/api/v1/companies/" + company).json().get("domain").asString())
                .isEqualTo("acme.com");

        var again = create(Map.of("firstName", "Ada", "lastName", "L.", "email", "ada@example.com"));
        assertThat(again.at("/possibleDuplicates/0/id").asString())
                .isEqualTo(ada.get("id").asString());
        assertThat(again.at("/possibleDuplicates/0/reason").asString()).isEqualTo("same email");
    }

    @Test
    void refusesBadInputWithEveryErrorAndStoresNothing() {
        api.post(
                "/api/v1/custom-fields",
                Map.of("entity", "contact", "label", "Score", "type", "number", "validation", Map.of("max", 100)));
        var bad = api.post(
                "/api/v1/contacts",
                Map.of(
                        "firstName",
                        "X",
                        "email",
                        "not-an-email",
                        "phone",
                        "12",
                        "lifecycleStage",
                        "prospect",
                        "customFields",
                        Map.of("score", 500, "nope", 1),
                        "colour",
                        "red"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        var fields = new ArrayList<String>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields)
                .contains("email", "phone", "lifecycleStage", "customFields.score", "customFields.nope", "colour");
        assertThat(api.get("/api/v1/contacts").json().get("data").size()).isZero();
    }

    @Test
    void patchChangesOnlyWhatIsGivenAndNullClears() {
        var c = create(Map.of("firstName", "Grace", "lastName", "Hopper", "jobTitle", "Admiral", "tags", List.of("a")));
        String id = c.get("id").asString();
        var body = new HashMap<String, Object>();
        body.put("jobTitle", null);
        body.put("lastName", "Murray Hopper");
        var patched = api.patch("/api/v1/contacts/" + id, body);
        assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
        var got = api.get("/api/v1/contacts/" + id).json();
        assertThat(got.get("lastName").asString()).isEqualTo("Murray Hopper");
        assertThat(got.get("jobTitle").isNull()).isTrue();
        assertThat(got.get("firstName").asString()).isEqualTo("Grace");
        assertThat(got.get("tags").toString()).isEqualTo("[\"a\"]");
    }

    @Test
    void deletedContactsGoToTheTrashAndCanBeRestored() {
        String id = create(Map.of("firstName", "Temp")).get("id").asString();
        assertThat(api.delete("/api/v1/contacts/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts?trash=true")
                        .json()
                        .at("/data/0/id")
                        .asString())
                .isEqualTo(id);
        assertThat(api.post("/api/v1/contacts/" + id + "/restore", Map.of()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(200);
    }

    @Test
    void listsFilterSortAndPageWithKeysetCursors() {
        api.post("/api/v1/custom-fields", Map.of("entity", "contact", "label", "Score", "type", "number"));
        for (int i = 0; i < 7; i++) {
            create(Map.of(
                    "firstName",
                    "P" + i,
                    "lastName",
                    "Name" + (char) ('g' - i),
                    "tags",
                    List.of(i % 2 == 0 ? "even" : "odd"),
                    "customFields",
                    Map.of("score", i * 3),
                    "lifecycleStage",
                    i < 3 ? "lead" : "customer"));
        }
        var names = new ArrayList<String>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/contacts?sort=name&limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("data").forEach(c -> names.add(c.get("lastName").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(names).containsExactly("Namea", "Nameb", "Namec", "Named", "Namee", "Namef", "Nameg");

        assertThat(api.get("/api/v1/contacts?tags=even").json().get("data").size())
                .isEqualTo(4);
        assertThat(api.get("/api/v1/contacts?lifecycleStage=lead&tags=even")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(2);
        String filter = enc("{\"or\":[{\"field\":\"custom.score\",\"op\":\"gte\",\"value\":15},"
                + "{\"field\":\"firstName\",\"op\":\"eq\",\"value\":\"p0\"}]}");
        var matched = new ArrayList<String>();
        api.get("/api/v1/contacts?sort=firstName&filter=" + filter).json().get("data");
        api.get("/api/v1/contacts?sort=name&filter=" + filter)
                .json()
                .get("data")
                .forEach(c -> matched.add(c.get("firstName").asString()));
        assertThat(matched).containsExactly("P6", "P5", "P0");
        var byScore = new ArrayList<String>();
        api.get("/api/v1/contacts?sort=-custom.score&limit=2")
                .json()
                .get("data")
                .forEach(c -> byScore.add(c.get("firstName").asString()));
        assertThat(byScore).containsExactly("P6", "P5"); // 18 > 15: numbers, not text ("9" > "18")

        assertThat(api.get("/api/v1/contacts?sort=shoeSize").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts?filter=" + enc("{\"field\":\"x\",\"op\":\"eq\"}"))
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/contacts?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void searchFindsNamesByPrefixEmailsAndTypos() {
        create(Map.of("firstName", "Jonathan", "lastName", "Meyer", "email", "jm@corp.example"));
        create(Map.of("firstName", "Maria", "lastName", "Jonas"));
        create(Map.of("firstName", "Zed", "lastName", "Other", "email", "zed@elsewhere.example"));
        assertThat(names("jon")).containsExactlyInAnyOrder("Jonathan", "Maria");
        assertThat(names("Jonathon Meyer")).contains("Jonathan");
        assertThat(names("zed@else")).containsExactly("Zed");
        assertThat(names("nobodyhere")).isEmpty();
        create(Map.of("firstName", "Neil", "lastName", "Armstrong", "jobTitle", "Astronaut", "tags", List.of("moon")));
        assertThat(names("astronat")).as("job title, with a typo").containsExactly("Neil");
        assertThat(names("moon")).as("a tag").containsExactly("Neil");
    }

    @Test
    void bulkOnAllMatchingASearchTouchesExactlyTheContactsTheSearchLists() {
        create(Map.of("firstName", "Jonathan", "lastName", "Meyer"));
        create(Map.of("firstName", "Maria", "lastName", "Jonas"));
        create(Map.of("firstName", "Zed", "lastName", "Other"));
        create(Map.of("firstName", "Jo", "lastName", "Short"));
        var listed = names("jon");
        var bulk = api.post(
                "/api/v1/contacts/bulk",
                Map.of("all", true, "query", Map.of("q", "jon"), "action", "addTag", "tag", "jon"));
        assertThat(bulk.status()).as(bulk.raw().body()).isEqualTo(200);
        assertThat(bulk.json().get("affected").asInt()).isEqualTo(listed.size());
        var tagged = new ArrayList<String>();
        api.get("/api/v1/contacts?tags=jon")
                .json()
                .get("data")
                .forEach(c -> tagged.add(c.get("firstName").asString()));
        assertThat(tagged).containsExactlyInAnyOrderElementsOf(listed);
    }

    List<String> names(String q) {
        var out = new ArrayList<String>();
        var res = api.get("/api/v1/contacts?q=" + enc(q));
        assertThat(res.status()).as(res.raw().body()).isEqualTo(200);
        res.json().get("data").forEach(c -> out.add(c.get("firstName").asString()));
        return out;
    }
}
