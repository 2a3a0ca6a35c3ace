package io.crmflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Merging contacts over real HTTP: field choice, unions, notes and shares moving, undo putting all back. */
@IntegrationTest
class ContactMergeTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    Api api;
    UUID workspace;

    @BeforeEach
    void workspace() {
        api = new Api(port);
        api.signUpFresh("Merges");
        workspace =
                UUID.fromString(api.get("/api/v1/me").json().at("/workspace/id").asString());
    }

    String create(Map<String, Object> body) {
        var created = api.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    void note(String contact, String body) {
        Sql.asOwner(owner, c -> Sql.update(c, """
                insert into notes (tenant_id, id, contact_id, body, created_at, updated_at)
                values (?, ?, ?, ?, now(), now())""", workspace, UUID.randomUUID(), UUID.fromString(contact), body));
    }

    List<String> notesOf(String contact) {
        return Sql.asOwner(owner, c -> {
            var out = new ArrayList<String>();
            try (var s = c.prepareStatement("select body from notes where contact_id = ? order by body")) {
                s.setObject(1, UUID.fromString(contact));
                var rs = s.executeQuery();
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    long count(String sql, Object... params) {
        return Sql.countAsOwner(owner, sql, params);
    }

    @Test
    void mergeTakesChosenFieldsUnionsListsMovesNotesAndUndoPutsEverythingBack() {
        String acme = api.post("/api/v1/companies", Map.of("name", "Acme"))
                .json()
                .get("id")
                .asString();
        String old = api.post("/api/v1/companies", Map.of("name", "Old Co"))
                .json()
                .get("id")
                .asString();
        String ada = create(Map.of(
                "firstName",
                "Ada",
                "lastName",
                "Lovelace",
                "email",
                "ada@example.com",
                "jobTitle",
                "Analyst",
                "tags",
                List.of("vip"),
                "companyId",
                acme));
        var byronBody = new HashMap<String, Object>();
        byronBody.put("firstName", "Ada");
        byronBody.put("lastName", "Byron");
        byronBody.put("emails", List.of("countess@example.org", "ada@example.com"));
        byronBody.put("phone", "+44 20 7946 0958");
        byronBody.put("jobTitle", "Countess");
        byronBody.put("tags", List.of("math", "vip"));
        byronBody.put("externalId", "crm-42");
        byronBody.put("companyId", old);
        String byron = create(byronBody);
        // a past company on the merged contact (moving her to Acme remembers Old Co)
        assertThat(api.patch("/api/v1/contacts/" + byron, Map.of("companyId", acme))
                        .status())
                .isEqualTo(200);
        note(byron, "met at the analytical engine talk");
        note(ada, "likes poetry");
        var before = api.get("/api/v1/contacts/" + ada).json();
        var byronBefore = api.get("/api/v1/contacts/" + byron).json();

        var merged = api.post(
                "/api/v1/contacts/merge",
                Map.of(
                        "survivorId", ada,
                        "mergedIds", List.of(byron),
                        "fields", Map.of("lastName", byron, "jobTitle", byron)));
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        String mergeId = merged.json().get("mergeId").asString();
        var survivor = api.get("/api/v1/contacts/" + ada).json();
        assertThat(survivor.get("lastName").asString()).isEqualTo("Byron");
        assertThat(survivor.get("jobTitle").asString()).isEqualTo("Countess");
        assertThat(survivor.get("firstName").asString()).isEqualTo("Ada");
        assertThat(survivor.get("emails").toString()).isEqualTo("[\"ada@example.com\",\"countess@example.org\"]");
        assertThat(survivor.get("phone").asString()).isEqualTo("+442079460958");
        assertThat(survivor.get("tags").toString()).isEqualTo("[\"vip\",\"math\"]");
        assertThat(survivor.get("externalId").asString()).isEqualTo("crm-42");
        assertThat(api.get("/api/v1/contacts/" + byron).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts?trash=true").json().get("data").size())
                .as("merged contacts are not in the restorable trash")
                .isZero();
        assertThat(notesOf(ada)).containsExactly("likes poetry", "met at the analytical engine talk");
        assertThat(notesOf(byron)).isEmpty();
        assertThat(api.get("/api/v1/contacts/" + ada + "/past-companies")
                        .json()
                        .at("/data/0/name")
                        .asString())
                .isEqualTo("Old Co");
        assertThat(count(
                        "select count(*) from contacts where id = ? and merged_into = ?",
                        UUID.fromString(byron),
                        UUID.fromString(ada)))
                .isEqualTo(1);
        var audit = api.get("/api/v1/audit-events?action=contact.merged&entityId=" + ada)
                .json();
        assertThat(audit.get("data").size()).isEqualTo(1);
        assertThat(count("select count(*) from record_undo where id = ? and kind = 'merge'", UUID.fromString(mergeId)))
                .isEqualTo(1);

        var undone = api.post("/api/v1/merges/" + mergeId + "/undo", Map.of());
        assertThat(undone.status()).as(undone.raw().body()).isEqualTo(200);
        assertThat(undone.json().get("restoredIds").size()).isEqualTo(2);
        assertThat(without(api.get("/api/v1/contacts/" + ada).json())).isEqualTo(without(before));
        assertThat(without(api.get("/api/v1/contacts/" + byron).json())).isEqualTo(without(byronBefore));
        assertThat(notesOf(ada)).containsExactly("likes poetry");
        assertThat(notesOf(byron)).containsExactly("met at the analytical engine talk");
        assertThat(api.get("/api/v1/contacts/" + ada + "/past-companies")
                        .json()
                        .get("data")
                        .size())
                .isZero();
        assertThat(count("select count(*) from contacts where merged_into is not null and tenant_id = ?", workspace))
                .isZero();

        var again = api.post("/api/v1/merges/" + mergeId + "/undo", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMergeWhoseSurvivorWasMergedAgainIsUndoneInOrder() {
        String a = create(Map.of("firstName", "A", "email", "a@example.com"));
        String b = create(Map.of("firstName", "B", "email", "b@example.com"));
        String c = create(Map.of("firstName", "C", "email", "c@example.com"));
        String first = api.post("/api/v1/contacts/merge", Map.of("survivorId", a, "mergedIds", List.of(b)))
                .json()
                .get("mergeId")
                .asString();
        String second = api.post("/api/v1/contacts/merge", Map.of("survivorId", c, "mergedIds", List.of(a)))
                .json()
                .get("mergeId")
                .asString();
        var refused = api.post("/api/v1/merges/" + first + "/undo", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("survivor_gone");
        assertThat(api.post("/api/v1/merges/" + second + "/undo", Map.of()).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/merges/" + first + "/undo", Map.of()).status())
                .as("the refused undo was not used up")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/contacts").json().get("data").size()).isEqualTo(3);
        assertThat(api.get("/api/v1/contacts/" + c).json().get("emails").toString())
                .isEqualTo("[\"c@example.com\"]");
    }

    static String without(JsonNode contact) {
        var copy = contact.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) copy).remove("possibleDuplicates");
        return copy.toString();
    }

    @Test
    void badMergesAreRefusedAndChangeNothing() {
        String a = create(Map.of("firstName", "A", "email", "a@example.com"));
        String b = create(Map.of("firstName", "B", "email", "b@example.com"));
        var others = new Api(port);
        others.signUpFresh("Others");
        String foreign = others.post("/api/v1/contacts", Map.of("firstName", "F"))
                .json()
                .get("id")
                .asString();
        var six = new ArrayList<String>();
        for (int i = 0; i < 5; i++) six.add(create(Map.of("firstName", "N" + i)));

        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", List.of()))).isEqualTo(400);
        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", six))).isEqualTo(400);
        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", List.of(a))))
                .isEqualTo(400);
        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", List.of(b, b))))
                .isEqualTo(400);
        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", List.of(b), "fields", Map.of("lastName", foreign))))
                .isEqualTo(400);
        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", List.of(b), "fields", Map.of("shoe", b))))
                .isEqualTo(400);
        assertThat(mergeStatus(Map.of(
                        "survivorId", a, "mergedIds", List.of(UUID.randomUUID().toString()))))
                .isEqualTo(404);
        assertThat(mergeStatus(Map.of("survivorId", a, "mergedIds", List.of(b, foreign))))
                .isEqualTo(404);
        assertThat(mergeStatus(Map.of("survivorId", foreign, "mergedIds", List.of(a))))
                .isEqualTo(404);
        assertThat(others.post("/api/v1/contacts/merge", Map.of("survivorId", foreign, "mergedIds", List.of(a)))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/contacts?limit=200").json().get("data").size())
                .isEqualTo(7);
        assertThat(count("select count(*) from record_undo where tenant_id = ?", workspace))
                .isZero();
        assertThat(api.post("/api/v1/merges/" + UUID.randomUUID() + "/undo", Map.of())
                        .status())
                .isEqualTo(404);
    }

    int mergeStatus(Map<String, Object> body) {
        var response = api.post("/api/v1/contacts/merge", body);
        if (response.status() >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        return response.status();
    }

    @Test
    void viewersCannotMergeOrIgnore() {
        String a = create(Map.of("firstName", "A", "email", "a@example.com"));
        String b = create(Map.of("firstName", "B", "email", "a@example.com"));
        var viewer = api.inviteNewMember("VIEWER");
        assertThat(viewer.post("/api/v1/contacts/merge", Map.of("survivorId", a, "mergedIds", List.of(b)))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.post("/api/v1/contacts/duplicates/ignore", Map.of("ids", List.of(a, b)))
                        .status())
                .isEqualTo(403);
        assertThat(viewer.get("/api/v1/contacts/duplicates").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/contacts/" + b).status()).isEqualTo(200);
    }

    @Test
    void duplicatesAreFoundBySameEmailSamePhoneAndSimilarNameAtTheSameCompanyAndIgnoredPairsHide() {
        String acme = api.post("/api/v1/companies", Map.of("name", "Acme"))
                .json()
                .get("id")
                .asString();
        String e1 = create(Map.of("firstName", "Eve", "email", "eve@example.com"));
        String e2 = create(Map.of("firstName", "Evelyn", "emails", List.of("evelyn@x.org", "EVE@example.com")));
        String p1 = create(Map.of("firstName", "Paul", "phone", "+1 415 555 2671"));
        String p2 = create(Map.of("firstName", "Pablo", "phone", "+14155552671"));
        String n1 = create(Map.of("firstName", "Jonathan", "lastName", "Meyer", "companyId", acme));
        String n2 = create(Map.of("firstName", "Jonathon", "lastName", "Meyer", "companyId", acme));
        create(Map.of("firstName", "Jonathan", "lastName", "Meyer")); // no company: not grouped by name
        create(Map.of("firstName", "Zed", "lastName", "Other", "companyId", acme));

        var groups = groups();
        assertThat(groups).containsEntry(List.of(e1, e2), "same email");
        assertThat(groups).containsEntry(List.of(p1, p2), "same phone");
        assertThat(groups).containsEntry(List.of(n1, n2), "similar name at the same company");
        assertThat(groups).hasSize(3);
        var first = api.get("/api/v1/contacts/duplicates").json().at("/data/0");
        assertThat(first.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(first.get("records").get(0).get("firstName").asString()).isEqualTo("Eve");

        var page = api.get("/api/v1/contacts/duplicates?limit=2").json();
        assertThat(page.get("data").size()).isEqualTo(2);
        var next = api.get("/api/v1/contacts/duplicates?limit=2&cursor="
                        + page.get("nextCursor").asString())
                .json();
        assertThat(next.get("data").size()).isEqualTo(1);
        assertThat(next.get("nextCursor").isNull()).isTrue();

        var ignored = api.post("/api/v1/contacts/duplicates/ignore", Map.of("ids", List.of(p2, p1)));
        assertThat(ignored.status()).as(ignored.raw().body()).isEqualTo(204);
        assertThat(groups()).doesNotContainKey(List.of(p1, p2)).hasSize(2);
        api.delete("/api/v1/contacts/" + n2);
        assertThat(groups()).containsOnlyKeys(List.of(List.of(e1, e2)));
        assertThat(api.post("/api/v1/contacts/duplicates/ignore", Map.of("ids", List.of(e1)))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/contacts/duplicates/ignore", Map.of("ids", List.of(e1, UUID.randomUUID())))
                        .status())
                .isEqualTo(404);
    }

    Map<List<String>, String> groups() {
        var response = api.get("/api/v1/contacts/duplicates?limit=100");
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        var out = new HashMap<List<String>, String>();
        response.json().get("data").forEach(g -> {
            var ids = new ArrayList<String>();
            g.get("ids").forEach(id -> ids.add(id.asString()));
            out.put(ids, g.get("reasons").get(0).asString());
        });
        return out;
    }
}
