package io.crmflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;

/** The import job at scale: exact error reports over 100 k rows, resuming after a crash, cancelling. */
@IntegrationTest
class ImportJobTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Autowired
    Imports imports;

    @Autowired
    ImportJob job;

    ImportFixture as;

    @BeforeEach
    void freshWorkspace() {
        as = new ImportFixture(port, owner);
    }

    static String contacts(int rows, int badEvery) {
        var csv = new StringBuilder(rows * 60).append("First Name,Last Name,Email,Phone\n");
        for (int i = 1; i <= rows; i++) {
            boolean bad = badEvery > 0 && i % badEvery == 0;
            csv.append("First")
                    .append(i)
                    .append(",Last")
                    .append(i)
                    .append(',')
                    .append(bad ? "broken-" + i : "person" + i + "@example.com")
                    .append(",+1 202 555 ")
                    .append(String.format("%04d", i % 10_000))
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void hundredThousandRowsWithOnePercentBadGiveAnExactReportAndEveryGoodRowOnce() {
        var done = as.importCsv(contacts(100_000, 100), Map.of());

        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("totalRows").asLong()).isEqualTo(100_000);
        assertThat(done.get("processedRows").asLong()).isEqualTo(100_000);
        assertThat(done.get("createdCount").asLong()).isEqualTo(99_000);
        assertThat(done.get("errorCount").asLong()).isEqualTo(1_000);
        assertThat(as.contacts()).isEqualTo(99_000);
        assertThat(as.count("select count(distinct email) from contacts where tenant_id = ?"))
                .isEqualTo(99_000);
        var expected = new StringBuilder("row,column,message\r\n");
        for (int i = 100; i <= 100_000; i += 100) {
            expected.append(i + 1).append(",Email,'broken-").append(i).append("' is not an email address\r\n");
        }
        assertThat(as.errors("contacts", done.get("id").asString())).isEqualTo(expected.toString());
        assertThat(as.count("select count(*) from import_chunks where tenant_id = ?"))
                .as("chunks deleted when done")
                .isZero();
    }

    UUID stored(String csv) {
        var upload = new Imports.Upload(
                "resume.csv", csv.length(), new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)));
        return Tenancy.callAs(
                        as.workspace,
                        as.user,
                        () -> imports.create("contact", upload, new Imports.Options(null, null, null, "US"), false))
                .id();
    }

    boolean runBatches(UUID id, int batches) {
        return Tenancy.callAs(as.workspace, null, () -> {
            try {
                return job.run(id, batches);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aRunStoppedAfterOneBatchResumesWithoutDuplicates() {
        UUID id = stored(contacts(12_000, 1000));

        assertThat(runBatches(id, 1)).isFalse(); // the node "dies" after its first committed batch
        var halfway = as.api.get("/api/v1/contacts/imports/" + id).json();
        assertThat(halfway.get("status").asString()).isEqualTo("running");
        assertThat(halfway.get("processedRows").asLong()).isEqualTo(5_000);
        assertThat(as.contacts()).isEqualTo(4_995);

        assertThat(runBatches(id, Integer.MAX_VALUE)).isTrue();

        var done = as.api.get("/api/v1/contacts/imports/" + id).json();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("processedRows").asLong()).isEqualTo(12_000);
        assertThat(done.get("createdCount").asLong()).isEqualTo(11_988);
        assertThat(done.get("errorCount").asLong()).isEqualTo(12);
        assertThat(as.contacts()).isEqualTo(11_988);
        assertThat(as.count("select count(distinct email) from contacts where tenant_id = ?"))
                .isEqualTo(11_988);
        assertThat(as.count("select count(*) from import_errors where tenant_id = ?"))
                .isEqualTo(12);
        assertThat(as.count("select count(*) from audit_events where tenant_id = ? and entity_id = ?", id.toString()))
                .as("one audit entry per import")
                .isEqualTo(1);
    }

    @Test
    void cancellingARunningImportStopsItBeforeTheNextBatch() {
        UUID id = stored(contacts(12_000, 0));
        runBatches(id, 1);

        var cancel = as.api.post("/api/v1/contacts/imports/" + id + "/cancel", Map.of());
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("cancelRequested").asBoolean()).isTrue();
        assertThat(runBatches(id, Integer.MAX_VALUE)).isTrue();

        var done = as.api.get("/api/v1/contacts/imports/" + id).json();
        assertThat(done.get("status").asString()).isEqualTo("cancelled");
        assertThat(done.get("processedRows").asLong()).isEqualTo(5_000);
        assertThat(as.contacts()).isEqualTo(5_000);
        assertThat(as.count("select count(*) from import_chunks where tenant_id = ?"))
                .isZero();
        assertThat(as.api
                        .post("/api/v1/contacts/imports/" + id + "/cancel", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void cancellingAQueuedImportEndsItAtOnce() {
        UUID id = stored(contacts(10, 0));

        var cancel = as.api.post("/api/v1/contacts/imports/" + id + "/cancel", Map.of());

        assertThat(cancel.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(runBatches(id, Integer.MAX_VALUE)).isTrue();
        assertThat(as.contacts()).isZero();
    }
}
