package io.crmflow.contacts;

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

/** Bulk actions on contacts over real HTTP, each undone once from its undo id. */
@IntegrationTest
class ContactBulkTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void workspace() {
        api = new Api(port);
        api.signUpFresh("Bulk");
    }

    String create(Map<String, Object> body) {
        var created = api.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    Api.Response bulk(Map<String, Object> body) {
        return api.post("/api/v1/contacts/bulk", body);
    }

    String field(String id, String name) {
        var value = api.get("/api/v1/contacts/" + id).json().at(name);
        return value.isNull() || value.isMissingNode() ? null : value.toString();
    }

    @Test
    void updateAndItsUndoOnceThenConflict() {
        String a = create(Map.of("firstName", "A", "lifecycleStage", "lead"));
        String b = create(Map.of("firstName", "B", "lifecycleStage", "customer"));
        String c = create(Map.of("firstName", "C", "lifecycleStage", "lead"));
        var done = bulk(
                Map.of("ids", List.of(a, b), "action", "update", "field", "lifecycleStage", "value", "opportunity"));
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        assertThat(done.json().get("affected").asInt()).isEqualTo(2);
        assertThat(field(a, "/lifecycleStage")).isEqualTo("\"opportunity\"");
        assertThat(field(b, "/lifecycleStage")).isEqualTo("\"opportunity\"");
        assertThat(field(c, "/lifecycleStage")).isEqualTo("\"lead\"");
        var audit = api.get("/api/v1/audit-events?action=contact.bulk_update").json();
        assertThat(audit.at("/data/0/changes/count/after").asInt()).isEqualTo(2);

        String undoId = done.json().get("undoId").asString();
        var undone = api.post("/api/v1/undo/" + undoId, Map.of());
        assertThat(undone.status()).as(undone.raw().body()).isEqualTo(200);
        assertThat(field(a, "/lifecycleStage")).isEqualTo("\"lead\"");
        assertThat(field(b, "/lifecycleStage")).isEqualTo("\"customer\"");
        var again = api.post("/api/v1/undo/" + undoId, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/v1/merges/" + undoId + "/undo", Map.of()).status())
                .as("a bulk action is no merge")
                .isEqualTo(404);
    }

    @Test
    void tagsOnAllMatchingAQueryAndCustomFieldsAndOwnerAndUndo() {
        api.post("/api/v1/custom-fields", Map.of("entity", "contact", "label", "Tier", "type", "text"));
        String a = create(Map.of("firstName", "Ann", "tags", List.of("vip"), "customFields", Map.of("tier", "gold")));
        String b = create(Map.of("firstName", "Bob", "tags", List.of("vip", "x")));
        String c = create(Map.of("firstName", "Cid", "tags", List.of("other")));

        var tagged = bulk(Map.of("all", true, "query", Map.of("tags", "vip"), "action", "addTag", "tag", "2026"));
        assertThat(tagged.status()).as(tagged.raw().body()).isEqualTo(200);
        assertThat(tagged.json().get("affected").asInt()).isEqualTo(2);
        assertThat(field(a, "/tags")).isEqualTo("[\"vip\",\"2026\"]");
        assertThat(field(b, "/tags")).isEqualTo("[\"vip\",\"x\",\"2026\"]");
        assertThat(field(c, "/tags")).isEqualTo("[\"other\"]");
        var removed = bulk(Map.of("ids", List.of(a, b, c), "action", "removeTag", "tag", "vip"));
        assertThat(field(b, "/tags")).isEqualTo("[\"x\",\"2026\"]");
        assertThat(api.post("/api/v1/undo/" + removed.json().get("undoId").asString(), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(field(b, "/tags")).isEqualTo("[\"vip\",\"x\",\"2026\"]");

        var tier = bulk(Map.of("ids", List.of(a, b), "action", "update", "field", "custom.tier", "value", "silver"));
        assertThat(tier.status()).as(tier.raw().body()).isEqualTo(200);
        assertThat(field(b, "/customFields/tier")).isEqualTo("\"silver\"");
        assertThat(api.get("/api/v1/contacts?custom.tier=silver")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(2);
        api.post("/api/v1/undo/" + tier.json().get("undoId").asString(), Map.of());
        assertThat(field(a, "/customFields/tier")).isEqualTo("\"gold\"");
        assertThat(field(b, "/customFields/tier")).isNull();

        var member = api.inviteNewMember("MEMBER");
        String memberId = member.get("/api/v1/me").json().at("/user/id").asString();
        var owned = bulk(Map.of("ids", List.of(c), "action", "changeOwner", "ownerId", memberId));
        assertThat(owned.status()).as(owned.raw().body()).isEqualTo(200);
        assertThat(field(c, "/ownerId")).isEqualTo("\"" + memberId + "\"");
        assertThat(bulk(Map.of(
                                "ids",
                                List.of(c),
                                "action",
                                "changeOwner",
                                "ownerId",
                                UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void deleteSendsToTheTrashAndUndoBringsBack() {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) ids.add(create(Map.of("firstName", "T" + i)));
        var deleted = bulk(Map.of("ids", ids.subList(0, 2), "action", "delete"));
        assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/v1/contacts").json().get("data").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/contacts?trash=true").json().get("data").size())
                .isEqualTo(2);
        assertThat(api.post("/api/v1/undo/" + deleted.json().get("undoId").asString(), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/contacts").json().get("data").size()).isEqualTo(3);
        assertThat(api.get("/api/v1/contacts?trash=true").json().get("data").size())
                .isZero();
    }

    @Test
    void badInputViewersAndOtherWorkspacesIdsChangeNothing() {
        String a = create(Map.of("firstName", "A", "lifecycleStage", "lead"));
        var others = new Api(port);
        others.signUpFresh("Others");
        String foreign = others.post("/api/v1/contacts", Map.of("firstName", "F"))
                .json()
                .get("id")
                .asString();
        assertThat(bulk(Map.of("ids", List.of(a), "action", "paint")).status()).isEqualTo(400);
        assertThat(bulk(Map.of("ids", List.of(), "action", "delete")).status()).isEqualTo(400);
        assertThat(bulk(Map.of("ids", List.of(a), "action", "update", "field", "firstName", "value", "X"))
                        .status())
                .isEqualTo(400);
        assertThat(bulk(Map.of("ids", List.of(a), "action", "update", "field", "lifecycleStage", "value", "nope"))
                        .status())
                .isEqualTo(400);
        var bad = bulk(Map.of("ids", List.of(a, foreign), "action", "delete"));
        assertThat(bad.status()).isEqualTo(404);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(others.post("/api/v1/undo/" + UUID.randomUUID(), Map.of()).status())
                .isEqualTo(404);
        var viewer = api.inviteNewMember("VIEWER");
        assertThat(viewer.post("/api/v1/contacts/bulk", Map.of("ids", List.of(a), "action", "delete"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/contacts/" + a).json().get("lifecycleStage").asString())
                .isEqualTo("lead");
        assertThat(others.get("/api/v1/contacts/" + foreign).status()).isEqualTo(200);

        var undoOfA = bulk(Map.of("ids", List.of(a), "action", "addTag", "tag", "t"))
                .json()
                .get("undoId")
                .asString();
        assertThat(others.post("/api/v1/undo/" + undoOfA, Map.of()).status()).isEqualTo(404);
        assertThat(viewer.post("/api/v1/undo/" + undoOfA, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void onlyWhoDidItOrAnAdminUndoes() {
        String a = create(Map.of("firstName", "A"));
        var first = api.inviteNewMember("MEMBER");
        var second = api.inviteNewMember("MEMBER");
        String undo = first.post("/api/v1/contacts/bulk", Map.of("ids", List.of(a), "action", "addTag", "tag", "x"))
                .json()
                .get("undoId")
                .asString();
        var refused = second.post("/api/v1/undo/" + undo, Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("not_yours");
        assertThat(field(a, "/tags")).isEqualTo("[\"x\"]");
        assertThat(api.post("/api/v1/undo/" + undo, Map.of()).status())
                .as("the owner may")
                .isEqualTo(200);
        assertThat(field(a, "/tags")).isEqualTo("[]");
    }

    @Test
    void inAPrivateWorkspaceMembersActOnlyOnContactsTheySee() {
        var member = api.inviteNewMember("MEMBER");
        String mine = member.post("/api/v1/contacts", Map.of("firstName", "Mine", "email", "same@example.com"))
                .json()
                .get("id")
                .asString();
        String owners = create(Map.of("firstName", "Owners", "email", "same@example.com"));
        assertThat(api.put("/api/v1/workspace/record-visibility", Map.of("recordVisibility", "private"))
                        .status())
                .isEqualTo(200);
        assertThat(member.post("/api/v1/contacts/bulk", Map.of("ids", List.of(mine, owners), "action", "delete"))
                        .status())
                .isEqualTo(404);
        var all = member.post("/api/v1/contacts/bulk", Map.of("all", true, "action", "addTag", "tag", "seen"));
        assertThat(all.json().get("affected").asInt()).isEqualTo(1);
        assertThat(field(owners, "/tags")).isEqualTo("[]");
        assertThat(member.get("/api/v1/contacts/duplicates").json().get("data").size())
                .as("a pair with a contact the member cannot see is not shown to them")
                .isZero();
        assertThat(api.get("/api/v1/contacts/duplicates").json().get("data").size())
                .isEqualTo(1);
        assertThat(member.post("/api/v1/contacts/merge", Map.of("survivorId", mine, "mergedIds", List.of(owners)))
                        .status())
                .isEqualTo(404);
    }
}
