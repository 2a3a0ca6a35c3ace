package io.crmflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Notes (sanitised markdown, mentions), the timeline feed, sharing and private record visibility. */
@IntegrationTest
class NotesTimelineSharingTests {

    @LocalServerPort
    int port;

    Api owner;

    @BeforeEach
    void workspace() {
        owner = new Api(port);
        owner.signUpFresh("Notes");
    }

    String contact(Api api, Map<String, Object> body) {
        var created = api.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void notesAreSanitisedMarkdownAndMentionsNotifyTheMember() {
        Api member = owner.inviteNewMember("MEMBER");
        String memberId = member.get("/api/v1/me").json().at("/user/id").asString();
        String id = contact(owner, Map.of("firstName", "Note", "lastName", "Taker"));
        var note = owner.post(
                "/api/v1/contacts/" + id + "/notes",
                Map.of(
                        "body",
                        "**Call** back <script>alert(1)</script> [x](javascript:alert(1)) @[Mem Ber](" + memberId
                                + ")"));
        assertThat(note.status()).as(note.raw().body()).isEqualTo(201);
        String html = note.json().get("html").asString();
        assertThat(html).contains("<strong>Call</strong>").contains("<span class=\"mention\">&#64;Mem Ber</span>");
        assertThat(html).doesNotContain("<script").doesNotContain("javascript:");
        assertThat(note.json().get("mentions").get(0).asString()).isEqualTo(memberId);
        var notifications = member.get("/api/v1/notifications").json().get("data");
        assertThat(notifications.toString())
                .contains("You were mentioned in a note")
                .contains("/contacts/" + id);

        String noteId = note.json().get("id").asString();
        var comment = owner.post("/api/v1/contacts/" + id + "/notes", Map.of("body", "a comment", "parentId", noteId));
        assertThat(comment.json().get("parentId").asString()).isEqualTo(noteId);
        assertThat(member.patch("/api/v1/notes/" + noteId, Map.of("body", "hijack"))
                        .status())
                .isEqualTo(403);
        assertThat(owner.patch("/api/v1/notes/" + noteId, Map.of("body", "edited"))
                        .status())
                .isEqualTo(200);
        assertThat(owner.post("/api/v1/contacts/" + id + "/notes", Map.of("body", " "))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void timelineMergesChangesAndNotesNewestFirstWithPaging() {
        String id = contact(owner, Map.of("firstName", "Time", "lastName", "Line"));
        owner.patch("/api/v1/contacts/" + id, Map.of("jobTitle", "CTO"));
        owner.post("/api/v1/contacts/" + id + "/notes", Map.of("body", "first note"));
        owner.patch("/api/v1/contacts/" + id, Map.of("jobTitle", "CEO"));
        var types = new ArrayList<String>();
        String cursor = null;
        do {
            var page = owner.get("/api/v1/contacts/" + id + "/timeline?limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("data")
                    .forEach(i -> types.add(i.get("type").asString() + ":"
                            + (i.get("action").isNull()
                                    ? i.get("body").asString()
                                    : i.get("action").asString())));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(types)
                .containsExactly(
                        "change:contact.updated",
                        "change:note.created",
                        "note:first note",
                        "change:contact.updated",
                        "change:contact.created");
        var change = owner.get("/api/v1/contacts/" + id + "/timeline?type=change&limit=1")
                .json()
                .at("/data/0");
        assertThat(change.at("/changes/jobTitle/after").asString()).isEqualTo("CEO");
        assertThat(change.get("actorName").asString()).isNotBlank();
    }

    @Test
    void privateRecordsAreVisibleOnlyToOwnerSharedMembersAndAdmins() {
        Api alice = owner.inviteNewMember("MEMBER");
        Api bob = owner.inviteNewMember("MEMBER");
        String bobId = bob.get("/api/v1/me").json().at("/user/id").asString();
        String mine = contact(alice, Map.of("firstName", "Alices", "lastName", "Secret"));
        assertThat(bob.get("/api/v1/contacts/" + mine).status()).isEqualTo(200);

        assertThat(alice.put("/api/v1/workspace/record-visibility", Map.of("recordVisibility", "private"))
                        .status())
                .isEqualTo(403);
        var set = owner.put("/api/v1/workspace/record-visibility", Map.of("recordVisibility", "private"));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);

        assertThat(bob.get("/api/v1/contacts/" + mine).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/contacts").json().get("data").size()).isZero();
        assertThat(bob.get("/api/v1/contacts?q=Alices").json().get("data").size())
                .isZero();
        assertThat(bob.get("/api/v1/contacts/" + mine + "/timeline").status()).isEqualTo(404);
        assertThat(bob.patch("/api/v1/contacts/" + mine, Map.of("jobTitle", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/contacts/" + mine).status()).isEqualTo(200);

        assertThat(bob.post("/api/v1/contacts/" + mine + "/shares", Map.of("userId", bobId))
                        .status())
                .isEqualTo(404);
        var shared = alice.post("/api/v1/contacts/" + mine + "/shares", Map.of("userId", bobId));
        assertThat(shared.status()).as(shared.raw().body()).isEqualTo(201);
        assertThat(bob.get("/api/v1/contacts/" + mine).status()).isEqualTo(200);
        assertThat(names(bob.get("/api/v1/contacts").json().get("data"))).containsExactly("Alices");
        assertThat(alice.delete("/api/v1/contacts/" + mine + "/shares/" + bobId).status())
                .isEqualTo(204);
        assertThat(bob.get("/api/v1/contacts/" + mine).status()).isEqualTo(404);
    }

    @Test
    void companiesHaveHierarchyWithoutCyclesAndRollUps() {
        String parent = owner.post("/api/v1/companies", Map.of("name", "Holding"))
                .json()
                .get("id")
                .asString();
        var child = owner.post("/api/v1/companies", Map.of("name", "Child", "parentId", parent));
        assertThat(child.status()).as(child.raw().body()).isEqualTo(201);
        String childId = child.json().get("id").asString();
        String grandchild = owner.post("/api/v1/companies", Map.of("name", "Grand", "parentId", childId))
                .json()
                .get("id")
                .asString();
        contact(owner, Map.of("firstName", "At", "lastName", "Grand", "companyId", grandchild));
        contact(owner, Map.of("firstName", "At", "lastName", "Holding", "companyId", parent));
        var loop = owner.patch("/api/v1/companies/" + parent, Map.of("parentId", grandchild));
        assertThat(loop.status()).isEqualTo(400);
        assertThat(loop.raw().body()).contains("loop");
        var tree = owner.get("/api/v1/companies/" + parent + "/tree").json();
        assertThat(tree.get("descendantCount").asInt()).isEqualTo(2);
        assertThat(tree.get("contactCount").asInt()).isEqualTo(2);
        assertThat(owner.get("/api/v1/companies/" + grandchild + "/tree")
                        .json()
                        .get("ancestors")
                        .size())
                .isEqualTo(2);
        assertThat(owner.get("/api/v1/companies?parentId=" + parent)
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(1);
        assertThat(owner.get("/api/v1/companies?q=hold")
                        .json()
                        .at("/data/0/name")
                        .asString())
                .isEqualTo("Holding");
    }

    static List<String> names(tools.jackson.databind.JsonNode data) {
        var out = new ArrayList<String>();
        data.forEach(c -> out.add(c.get("firstName").asString()));
        return out;
    }
}
