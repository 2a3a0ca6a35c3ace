package io.crmflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dhatim.fastexcel.Workbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** XLSX, companies, previews, saved mappings, and who may import what. */
@IntegrationTest
class ImportApiTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    ImportFixture as;

    @BeforeEach
    void freshWorkspace() {
        as = new ImportFixture(port, owner);
    }

    static byte[] xlsx(List<List<Object>> rows) throws IOException {
        var out = new ByteArrayOutputStream();
        var workbook = new Workbook(out, "CRMFlow tests", "1.0");
        var sheet = workbook.newWorksheet("Contacts");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object value = rows.get(r).get(c);
                if (value instanceof Number n) {
                    sheet.value(r, c, n);
                } else {
                    sheet.value(r, c, (String) value);
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    @Test
    void importsTheFirstSheetOfAnXlsxFile() throws IOException {
        byte[] file = xlsx(List.of(
                List.of("First Name", "Last Name", "Email", "Phone"),
                List.of("Ada", "Lovelace", "ada@example.com", 4930123456L),
                List.of("Grace", "Hopper", "bad@", "+1 202 555 0143")));

        var done = as.importFile("contacts", "people.xlsx", file, Map.of("defaultRegion", "DE"));

        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("createdCount").asLong()).isEqualTo(1);
        assertThat(as.contactValues("first_name || ' ' || phone")).containsExactly("Ada +4930123456");
        assertThat(as.errors("contacts", done.get("id").asString()))
                .isEqualTo("row,column,message\r\n3,Email,'bad@' is not an email address\r\n");
    }

    @Test
    void importsCompaniesMatchedByDomain() {
        String csv = """
                Company Name,Website,Industry,Employees,Annual Revenue,Currency,Tags
                Acme,https://www.acme.com/about,Tools,11-50,"1,000,000.50",usd,b2b
                Globex,globex.example,Energy,huge,12,EUR,
                """;
        as.importFile("companies", "companies.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of());

        var again = as.importFile(
                "companies",
                "again.csv",
                "Domain,Industry\nACME.com,Hardware\n".getBytes(StandardCharsets.UTF_8),
                Map.of());

        assertThat(again.get("updatedCount").asLong()).isEqualTo(1);
        assertThat(as.count("select count(*) from companies where tenant_id = ?"))
                .isEqualTo(1);
        assertThat(as.count("select count(*) from companies where tenant_id = ? and domain = 'acme.com'"
                        + " and industry = 'Hardware' and size = '11-50' and annual_revenue = 1000000.50"
                        + " and currency = 'USD' and tags = '{b2b}'"))
                .isEqualTo(1);
    }

    @Test
    void previewShowsDetectionSuggestionsAndRowErrorsAndStoresNothing() {
        byte[] file = "Vorname;E-mail Address;Lifecycle Stage;Shoe Size\nJürgen;j@example.com;lead;44\nX;nope;;\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        var preview = as.api.postMultipart("/api/v1/contacts/imports/preview", Map.of(), "x.csv", file);

        assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
        var body = preview.json();
        assertThat(body.get("encoding").asString()).isEqualTo("windows-1252");
        assertThat(body.get("delimiter").asString()).isEqualTo("semicolon");
        assertThat(body.at("/suggestedMapping/Vorname").asString()).isEqualTo("firstName");
        assertThat(body.at("/suggestedMapping/E-mail Address").asString()).isEqualTo("email");
        assertThat(body.at("/suggestedMapping/Lifecycle Stage").asString()).isEqualTo("lifecycleStage");
        assertThat(body.at("/suggestedMapping/Shoe Size").asString()).isEqualTo("ignore");
        assertThat(body.at("/rows/0/action").asString()).isEqualTo("create");
        assertThat(body.at("/rows/0/values/firstName").asString()).isEqualTo("Jürgen");
        assertThat(body.at("/rows/1/row").asLong()).isEqualTo(3);
        assertThat(body.at("/rows/1/errors/0/column").asString()).isEqualTo("E-mail Address");
        assertThat(as.count("select count(*) from imports where tenant_id = ?")).isZero();
        assertThat(as.contacts()).isZero();
    }

    @Test
    void aSavedMappingIsUsedAgainForTheSameHeaderLine() {
        var saved = as.api.post(
                "/api/v1/import-mappings",
                Map.of(
                        "entity",
                        "contact",
                        "name",
                        "Trade fair list",
                        "headers",
                        List.of("Nom", "Courriel", "Remarque"),
                        "mapping",
                        Map.of("Nom", "lastName", "Courriel", "email", "Remarque", "ignore")));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(201);

        var preview = as.api.postMultipart(
                "/api/v1/contacts/imports/preview",
                Map.of(),
                "fair.csv",
                "nom,COURRIEL,remarque\nCurie,m@example.com,x\n".getBytes());

        assertThat(preview.json().path("savedMapping").asString())
                .as(preview.raw().body())
                .isEqualTo("Trade fair list");
        assertThat(preview.json().at("/rows/0/values/lastName").asString()).isEqualTo("Curie");
        assertThat(as.api.get("/api/v1/import-mappings?entity=contacts").json().size())
                .isEqualTo(1);
        String id = saved.json().get("id").asString();
        assertThat(as.api.delete("/api/v1/import-mappings/" + id).status()).isEqualTo(204);
        assertThat(as.api.get("/api/v1/import-mappings").json().size()).isZero();
    }

    @Test
    void viewersMayNotImportAndOtherWorkspacesSeeNoImport() {
        var done = as.importCsv("Email\na@example.com\n", Map.of());
        String id = done.get("id").asString();
        var viewer = as.api.inviteNewMember("VIEWER");
        var stranger = new ImportFixture(port, owner);

        var refused = viewer.postMultipart(
                "/api/v1/contacts/imports", Map.of(), "a.csv", "Email\nb@example.com\n".getBytes());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(viewer.get("/contacts/import").status()).isEqualTo(403);
        assertThat(stranger.api.get("/api/v1/contacts/imports/" + id).status()).isEqualTo(404);
        assertThat(stranger.api
                        .get("/api/v1/contacts/imports/" + id + "/errors")
                        .status())
                .isEqualTo(404);
        assertThat(stranger.api
                        .post("/api/v1/contacts/imports/" + id + "/cancel", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(as.api.get("/api/v1/companies/imports/" + id).status())
                .as("a contact import is not a company import")
                .isEqualTo(404);
    }
}
