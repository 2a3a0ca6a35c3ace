package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workspace B can neither read, list, change, delete nor point at workspace A's rows: through the API, and through
 * SQL as the app's role with B set. Every table with a {@code tenant_id} column is checked, found in the catalog.
 */
@IntegrationTest
class TenantIsolationTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource appPool;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    Api alice;
    Api bob;
    UUID workspaceA;
    UUID workspaceB;
    UUID aliceId;
    String invitationIdA;
    String invitationTokenA;
    String mergeA;

    @BeforeEach
    void twoWorkspacesWithDataInEveryTable() {
        alice = new Api(port);
        alice.signUpFresh("Alpha");
        bob = new Api(port);
        bob.signUpFresh("Beta");
        var meA = alice.get("/api/v1/me").json();
        workspaceA = UUID.fromString(meA.at("/workspace/id").asString());
        aliceId = UUID.fromString(meA.at("/user/id").asString());
        workspaceB =
                UUID.fromString(bob.get("/api/v1/me").json().at("/workspace/id").asString());
        var invitation = alice.post(
                        "/api/v1/invitations",
                        Map.of("email", "new-" + UUID.randomUUID() + "@example.com", "role", "MEMBER"))
                .json();
        invitationIdA = invitation.at("/invitation/id").asString();
        invitationTokenA = invitation.get("token").asString();
        // with an Idempotency-Key, so that idempotency_keys has rows of both workspaces too
        bob.post(
                "/api/v1/invitations",
                Map.of("email", "other-" + UUID.randomUUID() + "@example.com", "role", "VIEWER"),
                "Idempotency-Key",
                "seed-" + UUID.randomUUID());
        alice.post(
                "/api/v1/invitations",
                Map.of("email", "third-" + UUID.randomUUID() + "@example.com", "role", "VIEWER"),
                "Idempotency-Key",
                "seed-" + UUID.randomUUID());
        UUID bobId = UUID.fromString(bob.get("/api/v1/me").json().at("/user/id").asString());
        seedNotification(workspaceA, aliceId);
        seedNotification(workspaceB, bobId);
        alice.post("/api/v1/api-keys", Map.of("name", "A's key", "scopes", List.of("read")));
        bob.post("/api/v1/api-keys", Map.of("name", "B's key", "scopes", List.of("read")));
        for (UUID workspace : List.of(workspaceA, workspaceB)) {
            seedJobWithOneRun(workspace);
        }
        for (Api admin : List.of(alice, bob)) {
            seedWebhookWithADelivery(admin);
        }
        crmA = seedCrmRecords(alice);
        seedCrmRecords(bob);
        mergeA = seedMergeAndIgnore(alice);
        seedMergeAndIgnore(bob);
        importIdA = seedImportWithABadRowAndAMapping(alice, workspaceA);
        seedImportWithABadRowAndAMapping(bob, workspaceB);
    }

    String importIdA;

    /**
     * An import of contacts (with a company) that has one bad row, a saved mapping, and a stored chunk (a finished
     * import has deleted its own, so one is added for a second, queued-looking import).
     */
    String seedImportWithABadRowAndAMapping(Api owner, UUID workspace) {
        String csv = "First Name,Email,Company\nImported,imported@example.org,Engines Ltd\nBroken,not-an-email,\n";
        var started = owner.postMultipart(
                "/api/v1/contacts/imports",
                Map.of(),
                "seed.csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> owner.get("/api/v1/contacts/imports/" + id)
                        .json()
                        .get("status")
                        .asString()
                        .equals("completed"));
        owner.post(
                "/api/v1/import-mappings",
                Map.of(
                        "entity",
                        "contact",
                        "name",
                        "Seed",
                        "headers",
                        List.of("First Name", "Email"),
                        "mapping",
                        Map.of("First Name", "firstName", "Email", "email")));
        UUID queued = UUID.randomUUID();
        Sql.asOwner(this.owner, c -> {
            Sql.update(c, """
                    insert into imports (tenant_id, id, entity, status, mode, match_by, file_name, file_size, format,
                                         mapping, created_at)
                    values (?, ?, 'contact', 'queued', 'upsert', 'email', 'seed.csv', 1, 'csv', '{}', now())""", workspace, queued);
            return Sql.update(
                    c,
                    "insert into import_chunks (tenant_id, import_id, seq, data) values (?, ?, 0, 'x'::bytea)",
                    workspace,
                    queued);
        });
        return id;
    }

    /** Ids of A's CRM records, to try from B. */
    record CrmIds(String contact, String company, String note, String field, String segment) {}

    CrmIds crmA;

    /**
     * A custom field per entity, two companies (one the child of the other) with a custom value, a contact with a
     * custom value that moved company (past companies), a note on each, shares and a segment.
     */
    CrmIds seedCrmRecords(Api admin) {
        String me = admin.get("/api/v1/me").json().at("/user/id").asString();
        String field = admin.post(
                        "/api/v1/custom-fields", Map.of("entity", "contact", "label", "Score", "type", "number"))
                .json()
                .get("id")
                .asString();
        admin.post("/api/v1/custom-fields", Map.of("entity", "company", "label", "Tier", "type", "text"));
        String parent = admin.post("/api/v1/companies", Map.of("name", "Parent", "customFields", Map.of("tier", "a")))
                .json()
                .get("id")
                .asString();
        String company = admin.post("/api/v1/companies", Map.of("name", "Child", "parentId", parent))
                .json()
                .get("id")
                .asString();
        String contact = admin.post(
                        "/api/v1/contacts",
                        Map.of("firstName", "Seed", "companyId", parent, "customFields", Map.of("score", 1)))
                .json()
                .get("id")
                .asString();
        admin.patch("/api/v1/contacts/" + contact, Map.of("companyId", company));
        String note = admin.post("/api/v1/contacts/" + contact + "/notes", Map.of("body", "seed note"))
                .json()
                .get("id")
                .asString();
        admin.post("/api/v1/companies/" + company + "/notes", Map.of("body", "seed note"));
        admin.post("/api/v1/contacts/" + contact + "/shares", Map.of("userId", me));
        admin.post("/api/v1/companies/" + company + "/shares", Map.of("userId", me));
        String segment = admin.post(
                        "/api/v1/segments",
                        Map.of("entity", "contact", "name", "All", "filter", Map.of("and", List.of())))
                .json()
                .get("id")
                .asString();
        return new CrmIds(contact, company, note, field, segment);
    }

    /** Contacts merged (record_undo) and a pair marked "not a duplicate" (duplicate_ignores); the merge id. */
    String seedMergeAndIgnore(Api admin) {
        var ids = new ArrayList<String>();
        for (String name : List.of("Survivor", "Merged", "Ignored")) {
            ids.add(admin.post("/api/v1/contacts", Map.of("firstName", name, "email", "same@example.com"))
                    .json()
                    .get("id")
                    .asString());
        }
        admin.post("/api/v1/contacts/duplicates/ignore", Map.of("ids", List.of(ids.get(0), ids.get(2))));
        return admin.post("/api/v1/contacts/merge", Map.of("survivorId", ids.get(0), "mergedIds", List.of(ids.get(1))))
                .json()
                .get("mergeId")
                .asString();
    }

    /** An endpoint, an event and its delivery (to a closed port: it fails, which is fine here). */
    void seedWebhookWithADelivery(Api admin) {
        String id = admin.post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("member.created")))
                .json()
                .get("id")
                .asString();
        admin.post("/api/v1/webhooks/" + id + "/test", Map.of());
    }

    void seedNotification(UUID workspace, UUID user) {
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "insert into notifications (tenant_id, id, user_id, kind, title, body, created_at)"
                                + " values (?, ?, ?, 'test', 'Seed', 'Seed row', now())",
                        workspace,
                        UUID.randomUUID(),
                        user));
    }

    void seedJobWithOneRun(UUID workspace) {
        UUID job = UUID.randomUUID();
        Sql.asOwner(owner, c -> {
            Sql.update(c, """
                    insert into jobs (tenant_id, id, kind, payload, status, attempts, run_at, created_at, started_at,
                                      finished_at)
                    values (?, ?, 'seed', '', 'SUCCEEDED', 1, now(), now(), now(), now())""", workspace, job);
            return Sql.update(c, """
                    insert into job_runs (tenant_id, id, job_id, kind, attempt, scheduled_at, started_at, finished_at,
                                          outcome)
                    values (?, ?, ?, 'seed', 1, now(), now(), now(), 'SUCCEEDED')""", workspace, UUID.randomUUID(), job);
        });
    }

    List<String> tenantTables() {
        return Sql.asOwner(owner, connection -> {
            var rows = connection.createStatement().executeQuery("""
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p')
                      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                                  and not a.attisdropped)
                    order by 1
                    """);
            List<String> tables = new ArrayList<>();
            while (rows.next()) tables.add(rows.getString(1));
            return tables;
        });
    }

    @Test
    void sqlAsWorkspaceBSeesAndTouchesNoneOfWorkspaceARows() {
        List<String> tables = tenantTables();
        assertThat(tables)
                .contains(
                        "memberships",
                        "invitations",
                        "audit_events",
                        "api_keys",
                        "webhook_endpoints",
                        "webhook_events",
                        "webhook_deliveries",
                        "imports",
                        "import_chunks",
                        "import_errors",
                        "import_mappings");
        for (String table : tables) {
            long rowsOfA =
                    Sql.countAsOwner(owner, "select count(*) from " + table + " where tenant_id = ?", workspaceA);
            long rowsOfB =
                    Sql.countAsOwner(owner, "select count(*) from " + table + " where tenant_id = ?", workspaceB);
            assertThat(rowsOfA)
                    .as("seed rows of A in " + table + " (extend this test's setup for new tables)")
                    .isPositive();
            assertThat(rowsOfB).as("seed rows of B in " + table).isPositive();

            assertThat(Sql.countAsApp(
                            appPool, workspaceA, "select count(*) from " + table + " where tenant_id = ?", workspaceA))
                    .as("A sees its own rows in " + table)
                    .isEqualTo(rowsOfA);
            assertThat(Sql.countAsApp(
                            appPool, workspaceB, "select count(*) from " + table + " where tenant_id = ?", workspaceA))
                    .as("B reads A's rows in " + table)
                    .isZero();
            assertThat(Sql.countAsApp(appPool, null, "select count(*) from " + table))
                    .as("no tenant set reads rows of " + table)
                    .isZero();
            assertThat(changedOrDenied(
                            workspaceB,
                            "update " + table + " set tenant_id = tenant_id where tenant_id = ?",
                            workspaceA))
                    .as("B updates A's rows in " + table)
                    .isZero();
            assertThat(changedOrDenied(workspaceB, "delete from " + table + " where tenant_id = ?", workspaceA))
                    .as("B deletes A's rows in " + table)
                    .isZero();
            assertThat(sqlState(
                            workspaceB,
                            "update " + table + " set tenant_id = ? where tenant_id = ?",
                            workspaceA,
                            workspaceB))
                    .as("B moves its rows into A in " + table)
                    .isEqualTo("42501");
            String columns = writableColumns(table);
            assertThat(sqlState(workspaceB, """
                    insert into %1$s (%2$s)
                    select %2$s from jsonb_populate_record(null::%1$s,
                        (select to_jsonb(t) || jsonb_build_object('tenant_id', ?::text) from %1$s t
                         where tenant_id = ? limit 1))
                    """.formatted(table, columns), workspaceA.toString(), workspaceB))
                    .as("B writes a row into A in " + table)
                    .isEqualTo("42501");
        }
    }

    /** The columns of a table an INSERT may name (not the generated ones). */
    String writableColumns(String table) {
        return Sql.asOwner(owner, connection -> {
            var statement = connection.prepareStatement("""
                    select string_agg(quote_ident(attname), ', ' order by attnum) from pg_attribute
                    where attrelid = ?::regclass and attnum > 0 and not attisdropped and attgenerated = ''
                    """);
            statement.setString(1, table);
            var rows = statement.executeQuery();
            rows.next();
            return rows.getString(1);
        });
    }

    /** Rows changed, or 0 when the role may not even try (audit_events is append-only). */
    int changedOrDenied(UUID tenant, String sql, Object... params) {
        try {
            int changed = Sql.asApp(appPool, tenant, null, c -> Sql.update(c, sql, params));
            return changed;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && "42501".equals(s.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    String sqlState(UUID tenant, String sql, Object... params) {
        Throwable failure = catchThrowable(() -> Sql.asApp(appPool, tenant, null, c -> Sql.update(c, sql, params)));
        assertThat(failure).as(sql).isNotNull();
        return ((SQLException) failure.getCause()).getSQLState();
    }

    @Test
    void apiOfWorkspaceBAnswers404ForWorkspaceARecords() {
        assertThat(bob.get("/api/v1/members")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(m -> m.get("userId").asString()))
                .doesNotContain(aliceId.toString());
        assertThat(bob.patch("/api/v1/members/" + aliceId, Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/v1/members/" + aliceId).status()).isEqualTo(404);
        assertThat(bob.delete("/api/v1/invitations/" + invitationIdA).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/invitations")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(i -> i.get("id").asString()))
                .doesNotContain(invitationIdA);
        assertThat(bob.put("/api/v1/me/workspace", Map.of("workspaceId", workspaceA))
                        .status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/invitations/accept", Map.of("token", invitationTokenA))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/v1/audit-events?entityId=" + aliceId)
                        .json()
                        .get("data")
                        .isEmpty())
                .isTrue();
        assertThat(bob.get("/api/v1/audit-events?limit=200")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(e -> e.get("actorId").asString()))
                .doesNotContain(aliceId.toString());

        assertThat(bob.get("/api/v1/contacts/imports/" + importIdA).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/contacts/imports/" + importIdA + "/errors").status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/contacts/imports/" + importIdA + "/cancel", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/v1/import-mappings").json().size()).isEqualTo(1);
        for (String path : List.of(
                "/api/v1/contacts/" + crmA.contact(),
                "/api/v1/contacts/" + crmA.contact() + "/timeline",
                "/api/v1/contacts/" + crmA.contact() + "/notes",
                "/api/v1/contacts/" + crmA.contact() + "/shares",
                "/api/v1/contacts/" + crmA.contact() + "/past-companies",
                "/api/v1/companies/" + crmA.company(),
                "/api/v1/companies/" + crmA.company() + "/tree",
                "/api/v1/companies/" + crmA.company() + "/timeline",
                "/api/v1/custom-fields/" + crmA.field(),
                "/api/v1/segments/" + crmA.segment(),
                "/api/v1/notes/" + crmA.note())) {
            assertThat(bob.get(path).status()).as("GET " + path).isEqualTo(404);
        }
        assertThat(bob.patch("/api/v1/contacts/" + crmA.contact(), Map.of("firstName", "B"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/v1/contacts/" + crmA.contact()).status()).isEqualTo(404);
        assertThat(bob.patch("/api/v1/companies/" + crmA.company(), Map.of("name", "B"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/v1/companies/" + crmA.company()).status()).isEqualTo(404);
        assertThat(bob.post("/api/v1/contacts/" + crmA.contact() + "/notes", Map.of("body", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.patch("/api/v1/notes/" + crmA.note(), Map.of("body", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/v1/custom-fields/" + crmA.field() + "?confirm=true")
                        .status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/contacts", Map.of("firstName", "X", "companyId", crmA.company()))
                        .status())
                .isEqualTo(400);
        assertThat(bob.get("/api/v1/contacts?segmentId=" + crmA.segment()).status())
                .isEqualTo(404);
        var found = bob.get("/api/v1/contacts?q=Seed").json().get("data");
        assertThat(found.size()).isPositive();
        assertThat(found.toString()).doesNotContain(crmA.contact());
        assertThat(alice.get("/api/v1/contacts/" + crmA.contact())
                        .json()
                        .get("firstName")
                        .asString())
                .isEqualTo("Seed");
        String contactOfA = crmA.contact();
        String contactOfB = bob.get("/api/v1/contacts").json().at("/data/0/id").asString();
        assertThat(bob.post("/api/v1/merges/" + mergeA + "/undo", Map.of()).status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/undo/" + mergeA, Map.of()).status()).isEqualTo(404);
        assertThat(bob.post(
                                "/api/v1/contacts/merge",
                                Map.of("survivorId", contactOfB, "mergedIds", List.of(contactOfA)))
                        .status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/contacts/duplicates/ignore", Map.of("ids", List.of(contactOfB, contactOfA)))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/v1/contacts/duplicates").json().toString()).doesNotContain(contactOfA);
        assertThat(bob.post("/api/v1/contacts/bulk", Map.of("ids", List.of(contactOfA), "action", "delete"))
                        .status())
                .isEqualTo(404);
        String companyOfA =
                alice.get("/api/v1/companies").json().at("/data/0/id").asString();
        assertThat(bob.post("/api/v1/companies/bulk", Map.of("ids", List.of(companyOfA), "action", "delete"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.post(
                                "/api/v1/companies/merge",
                                Map.of("survivorId", companyOfA, "mergedIds", List.of(companyOfA)))
                        .status())
                .isEqualTo(400);
        String companyOfB = bob.get("/api/v1/companies").json().at("/data/0/id").asString();
        assertThat(bob.post(
                                "/api/v1/companies/merge",
                                Map.of("survivorId", companyOfB, "mergedIds", List.of(companyOfA)))
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/v1/contacts/" + contactOfA + "/gdpr-export").status())
                .isEqualTo(404);
        assertThat(bob.post("/api/v1/contacts/" + contactOfA + "/erase", Map.of("confirm", true))
                        .status())
                .isEqualTo(404);

        // and A still has everything: nothing B tried changed it
        assertThat(alice.get("/api/v1/contacts/" + contactOfA).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/companies/" + companyOfA).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/me").json().get("role").asString()).isEqualTo("OWNER");
        assertThat(alice.get("/api/v1/invitations")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(i -> i.get("id").asString()))
                .contains(invitationIdA);
    }
}
