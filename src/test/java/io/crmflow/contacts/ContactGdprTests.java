package io.crmflow.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** GDPR export and erasure of a contact, and the trash purge. */
@IntegrationTest
class ContactGdprTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Autowired
    TrashPurge purge;

    Api api;
    UUID workspace;

    @BeforeEach
    void workspace() {
        api = new Api(port);
        api.signUpFresh("GDPR");
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

    long count(String sql, Object... params) {
        return Sql.countAsOwner(owner, sql, params);
    }

    @Test
    void exportHoldsEverythingAboutTheContact() {
        String old = api.post("/api/v1/companies", Map.of("name", "Old Co"))
                .json()
                .get("id")
                .asString();
        String id = create(Map.of(
                "firstName",
                "Greta",
                "lastName",
                "Garbo",
                "email",
                "greta@example.com",
                "companyId",
                old,
                "consent",
                Map.of("email", Map.of("granted", true, "source", "form"))));
        api.patch("/api/v1/contacts/" + id, Map.of("companyId", ""));
        note(id, "wants to be alone");
        var export = api.get("/api/v1/contacts/" + id + "/gdpr-export");
        assertThat(export.status()).as(export.raw().body()).isEqualTo(200);
        var json = export.json();
        assertThat(json.at("/contact/email").asString()).isEqualTo("greta@example.com");
        assertThat(json.at("/contact/consent/email/granted").asBoolean()).isTrue();
        assertThat(json.at("/notes/0/body").asString()).isEqualTo("wants to be alone");
        assertThat(json.at("/pastCompanies/0/name").asString()).isEqualTo("Old Co");
        assertThat(json.at("/auditTrail/0/action").asString()).isEqualTo("contact.created");
        assertThat(json.get("auditTrail").size()).isEqualTo(2);
        var member = api.inviteNewMember("MEMBER");
        assertThat(member.get("/api/v1/contacts/" + id + "/gdpr-export").status())
                .isEqualTo(403);
    }

    @Test
    void eraseLeavesNoRowAndAnAuditEntryWithoutPersonalData() {
        String id = create(Map.of("firstName", "Greta", "lastName", "Garbo", "email", "greta@example.com"));
        String twin = create(Map.of("firstName", "G.", "lastName", "Garbo", "email", "garbo@example.org"));
        note(id, "wants to be alone");
        var merged = api.post("/api/v1/contacts/merge", Map.of("survivorId", id, "mergedIds", List.of(twin)));
        assertThat(merged.status()).isEqualTo(200);
        assertThat(api.post("/api/v1/contacts/" + id + "/erase", Map.of()).status())
                .isEqualTo(400);
        assertThat(api.inviteNewMember("MEMBER")
                        .post("/api/v1/contacts/" + id + "/erase", Map.of("confirm", true))
                        .status())
                .isEqualTo(403);

        var erased = api.post("/api/v1/contacts/" + id + "/erase", Map.of("confirm", true));
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(204);
        assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
        for (String table : List.of("contacts", "notes", "record_undo")) {
            assertThat(count("select count(*) from " + table + " where tenant_id = ?", workspace))
                    .as(table)
                    .isZero();
        }
        String everything = Sql.asOwner(owner, c -> {
            var s = c.prepareStatement(
                    "select coalesce(string_agg(to_jsonb(a)::text, ' '), '') from audit_events a where tenant_id = ?");
            s.setObject(1, workspace);
            var rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        });
        assertThat(everything)
                .contains("contact.erased")
                .doesNotContainIgnoringCase("greta")
                .doesNotContain("garbo");
        var entry = api.get("/api/v1/audit-events?action=contact.erased").json().at("/data/0");
        assertThat(entry.get("entityId").asString()).isEqualTo(id);
        assertThat(api.post("/api/v1/merges/" + merged.json().get("mergeId").asString() + "/undo", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void trashOlderThan30DaysAndOldUndoSnapshotsArePurged() {
        String old = create(Map.of("firstName", "Old"));
        String recent = create(Map.of("firstName", "Recent"));
        String live = create(Map.of("firstName", "Live"));
        var deleted = api.post("/api/v1/contacts/bulk", Map.of("ids", List.of(old, recent), "action", "delete"));
        String company = api.post("/api/v1/companies", Map.of("name", "Gone"))
                .json()
                .get("id")
                .asString();
        api.delete("/api/v1/companies/" + company);
        Sql.asOwner(owner, c -> {
            Sql.update(
                    c,
                    "update contacts set deleted_at = now() - interval '31 days' where id = ?",
                    UUID.fromString(old));
            Sql.update(
                    c,
                    "update companies set deleted_at = now() - interval '31 days' where id = ?",
                    UUID.fromString(company));
            return Sql.update(
                    c,
                    "update record_undo set created_at = now() - interval '31 days' where id = ?",
                    UUID.fromString(deleted.json().get("undoId").asString()));
        });

        assertThat(purge.run()).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from contacts where id = ?", UUID.fromString(old)))
                .isZero();
        assertThat(count("select count(*) from companies where id = ?", UUID.fromString(company)))
                .isZero();
        assertThat(count("select count(*) from contacts where id = any(?)", (Object)
                        new UUID[] {UUID.fromString(recent), UUID.fromString(live)}))
                .isEqualTo(2);
        assertThat(count("select count(*) from record_undo where tenant_id = ?", workspace))
                .isZero();
    }
}
