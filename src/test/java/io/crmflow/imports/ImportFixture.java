package io.crmflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.Sql;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** A signed-in owner of a fresh workspace who uploads files and reads what they did. */
final class ImportFixture {

    final Api api;
    final UUID workspace;
    final UUID user;
    private final DataSource owner;

    ImportFixture(int port, DataSource owner) {
        this.api = new Api(port);
        this.owner = owner;
        api.signUpFresh("Imports " + UUID.randomUUID());
        var me = api.get("/api/v1/me").json();
        this.workspace = UUID.fromString(me.at("/workspace/id").asString());
        this.user = UUID.fromString(me.at("/user/id").asString());
    }

    Api.Response upload(String entities, String fileName, byte[] content, Map<String, String> fields) {
        return api.postMultipart("/api/v1/" + entities + "/imports", fields, fileName, content);
    }

    /** Uploads a CSV (UTF-8) and waits until the import has ended; returns its final status. */
    JsonNode importCsv(String csv, Map<String, String> fields) {
        return importFile("contacts", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), fields);
    }

    JsonNode importFile(String entities, String fileName, byte[] content, Map<String, String> fields) {
        var started = upload(entities, fileName, content, fields);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        return awaitEnd(entities, started.json().get("id").asString());
    }

    JsonNode awaitEnd(String entities, String id) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last[0] = api.get("/api/v1/" + entities + "/imports/" + id).json();
                    return List.of("completed", "failed", "cancelled")
                            .contains(last[0].get("status").asString());
                });
        return last[0];
    }

    String errors(String entities, String id) {
        var response = api.get("/api/v1/" + entities + "/imports/" + id + "/errors");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        return response.raw().body();
    }

    long count(String sql, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = workspace;
        System.arraycopy(params, 0, all, 1, params.length);
        return Sql.countAsOwner(owner, sql, all);
    }

    long contacts() {
        return count("select count(*) from contacts where tenant_id = ? and deleted_at is null");
    }

    /** One column of the contacts in this workspace, as text, ordered by it. */
    List<String> contactValues(String expression) {
        return Sql.asOwner(owner, c -> {
            var statement =
                    c.prepareStatement("select " + expression + " from contacts where tenant_id = ? order by 1");
            statement.setObject(1, workspace);
            var rows = statement.executeQuery();
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        });
    }
}
