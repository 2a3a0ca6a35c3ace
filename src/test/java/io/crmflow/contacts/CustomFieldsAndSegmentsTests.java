package io.crmflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Custom field definitions (types, validation, rename, guarded delete) and saved segments with counts. */
@IntegrationTest
class CustomFieldsAndSegmentsTests {

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void workspace() {
        admin = new Api(port);
        admin.signUpFresh("Fields");
    }

    String field(Map<String, Object> body) {
        var created = admin.post("/api/v1/custom-fields", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void everyTypeValidatesAndStoresItsCanonicalForm() {
        field(Map.of("entity", "contact", "label", "Birthday", "type", "date"));
        field(Map.of("entity", "contact", "label", "Last seen", "type", "date_time"));
        field(Map.of("entity", "contact", "label", "Newsletter", "type", "boolean"));
        field(Map.of(
                "entity", "contact", "label", "Skills", "type", "multi_select", "options", List.of("java", "sql")));
        field(Map.of("entity", "contact", "label", "Site", "type", "url"));
        field(Map.of(
                "entity", "contact", "label", "Budget", "type", "currency", "validation", Map.of("currency", "EUR")));
        field(Map.of(
                "entity",
                "contact",
                "label",
                "Code",
                "type",
                "text",
                "required",
                true,
                "defaultValue",
                "A-1",
                "validation",
                Map.of("pattern", "[A-Z]-\\d")));
        var ok = admin.post(
                "/api/v1/contacts",
                Map.of(
                        "firstName",
                        "Typed",
                        "customFields",
                        Map.of(
                                "birthday",
                                "1990-02-03",
                                "last_seen",
                                "2026-01-02T03:04:05+02:00",
                                "newsletter",
                                "yes",
                                "skills",
                                "SQL; java",
                                "site",
                                "https://example.com",
                                "budget",
                                "1200.50")));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        var cf = ok.json().get("customFields");
        assertThat(cf.get("last_seen").asString()).isEqualTo("2026-01-02T01:04:05Z");
        assertThat(cf.get("newsletter").asBoolean()).isTrue();
        assertThat(cf.get("skills").toString()).isEqualTo("[\"sql\",\"java\"]");
        assertThat(cf.get("budget").decimalValue()).isEqualByComparingTo("1200.5");
        assertThat(cf.get("code").asString()).isEqualTo("A-1");

        var bad = admin.post(
                "/api/v1/contacts",
                Map.of(
                        "firstName",
                        "Bad",
                        "customFields",
                        Map.of("birthday", "03/02/1990", "site", "ftp://x", "skills", List.of("cobol"), "code", "zz")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().body())
                .contains("customFields.birthday", "customFields.site", "customFields.skills", "customFields.code");
        assertThat(admin.post("/api/v1/custom-fields", Map.of("entity", "contact", "label", "X", "type", "select"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/v1/custom-fields", Map.of("entity", "contact", "label", "Birthday", "type", "date"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void renamingKeepsValuesAndDeletingAsksFirstAndIsAudited() {
        String id = field(Map.of("entity", "contact", "label", "Tier", "type", "text"));
        String contact = admin.post(
                        "/api/v1/contacts", Map.of("firstName", "T", "customFields", Map.of("tier", "gold")))
                .json()
                .get("id")
                .asString();
        assertThat(admin.patch("/api/v1/custom-fields/" + id, Map.of("label", "Level"))
                        .status())
                .isEqualTo(200);
        assertThat(admin.patch("/api/v1/custom-fields/" + id, Map.of("key", "level"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/contacts/" + contact)
                        .json()
                        .at("/customFields/tier")
                        .asString())
                .isEqualTo("gold");
        var refused = admin.delete("/api/v1/custom-fields/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("confirmation_required");
        assertThat(admin.get("/api/v1/contacts/" + contact)
                        .json()
                        .at("/customFields/tier")
                        .asString())
                .isEqualTo("gold");
        var deleted = admin.delete("/api/v1/custom-fields/" + id + "?confirm=true");
        assertThat(deleted.json().get("valuesRemoved").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/contacts/" + contact)
                        .json()
                        .get("customFields")
                        .size())
                .isZero();
        var audit = admin.get("/api/v1/audit-events?action=custom_field.deleted")
                .json()
                .get("data");
        assertThat(audit.toString()).contains("recordsWithValues");

        Api member = admin.inviteNewMember("MEMBER");
        assertThat(member.post("/api/v1/custom-fields", Map.of("entity", "contact", "label", "M", "type", "text"))
                        .status())
                .isEqualTo(403);
        assertThat(member.get("/api/v1/custom-fields?entity=contact").status()).isEqualTo(200);
    }

    @Test
    void segmentsSaveFiltersWithCountsPrivateOrShared() {
        field(Map.of("entity", "contact", "label", "Score", "type", "number"));
        for (int i = 0; i < 5; i++) {
            admin.post(
                    "/api/v1/contacts",
                    Map.of(
                            "firstName",
                            "S" + i,
                            "customFields",
                            Map.of("score", i),
                            "tags",
                            List.of(i < 2 ? "hot" : "cold")));
        }
        var filter = Map.of(
                "or",
                List.of(
                        Map.of("field", "custom.score", "op", "gte", "value", 4),
                        Map.of("field", "tags", "op", "has", "value", "hot")));
        var seg = admin.post("/api/v1/segments", Map.of("entity", "contact", "name", "Hot or high", "filter", filter));
        assertThat(seg.status()).as(seg.raw().body()).isEqualTo(201);
        assertThat(seg.json().get("count").asInt()).isEqualTo(3);
        String id = seg.json().get("id").asString();
        assertThat(admin.get("/api/v1/contacts?segmentId=" + id)
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(3);
        assertThat(admin.get("/api/v1/contacts?segmentId=" + id + "&tags=hot")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(2);

        Api member = admin.inviteNewMember("MEMBER");
        assertThat(member.get("/api/v1/segments/" + id).status()).isEqualTo(404);
        admin.patch("/api/v1/segments/" + id, Map.of("shared", true));
        assertThat(member.get("/api/v1/segments/" + id).json().get("count").asInt())
                .isEqualTo(3);
        assertThat(member.delete("/api/v1/segments/" + id).status()).isEqualTo(403);
        assertThat(admin.post(
                                "/api/v1/segments",
                                Map.of(
                                        "entity",
                                        "contact",
                                        "name",
                                        "Bad",
                                        "filter",
                                        Map.of("field", "nope", "op", "eq", "value", 1)))
                        .status())
                .isEqualTo(400);
    }
}
