package io.crmflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.IntegrationTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Contact imports over HTTP: mapping, matching, modes, row errors, and files that are not as they should be. */
@IntegrationTest
class ImportsTests {

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

    @Test
    void importsMappedRowsLinksCompaniesAndReportsEachBadCell() {
        String csv =
                """
                Given Name,Family Name,E-mail Address,Mobile Phone,Organization 1 - Name,Labels,Lifecycle Stage,Owner
                Ada,Lovelace,ADA@Example.com,+44 20 7946 0958,Analytical Engines,vip; math,Customer,%1$s
                Grace,Hopper,grace@example.com,+1 202 555 0143,analytical engines,navy,Sales Qualified Lead,
                Bad,Email,not-an-email,+1 202 555 0199,,,,
                Bad,Stage,bad@example.com,,,,sleeping,nobody@example.com
                """.formatted(as.api.get("/api/v1/me").json().at("/user/email").asString());

        var done = as.importCsv(csv, Map.of());

        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("totalRows").asLong()).isEqualTo(4);
        assertThat(done.get("processedRows").asLong()).isEqualTo(4);
        assertThat(done.get("createdCount").asLong()).isEqualTo(2);
        assertThat(done.get("updatedCount").asLong()).isZero();
        assertThat(done.get("errorCount").asLong()).isEqualTo(2);
        assertThat(as.contactValues("first_name || ' ' || last_name || ' ' || email || ' ' || phone"))
                .containsExactly(
                        "Ada Lovelace ada@example.com +442079460958", "Grace Hopper grace@example.com +12025550143");
        assertThat(as.contactValues("lifecycle_stage")).containsExactly("customer", "sales_qualified");
        assertThat(as.contactValues("array_to_string(tags, '|')")).containsExactly("navy", "vip|math");
        assertThat(as.contactValues("owner_id::text")).containsExactly(as.user.toString(), null);
        assertThat(as.count("select count(*) from companies where tenant_id = ?"))
                .as("one company for both spellings")
                .isEqualTo(1);
        assertThat(
                        as.count(
                                "select count(distinct company_id) from contacts where tenant_id = ? and company_id is not null"))
                .isEqualTo(1);
        assertThat(as.errors("contacts", done.get("id").asString())).isEqualTo("""
                        row,column,message\r
                        4,E-mail Address,'not-an-email' is not an email address\r
                        5,Lifecycle Stage,"'sleeping' is not a lifecycle stage (subscriber, lead, marketing_qualified, \
                        sales_qualified, opportunity, customer, evangelist, other)"\r
                        5,Owner,'nobody@example.com' is not a member of this workspace\r
                        """);
    }

    @Test
    void anUnclosedQuoteIsAnErrorOnItsRowAndTheRowsBeforeItAreImported() {
        String csv = "First Name,Email\nAda,ada@example.com\n\"Grace,grace@example.com\nAlan,alan@example.com\n";

        var done = as.importCsv(csv, Map.of());

        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(as.contactValues("email")).containsExactly("ada@example.com");
        assertThat(as.errors("contacts", done.get("id").asString()))
                .isEqualTo("row,column,message\r\n"
                        + "3,,unclosed quote: the field opened on line 3 runs to the end of the file\r\n");
    }

    @Test
    void readsWindows1252WithSemicolonsAndUtf16WithTabs() {
        byte[] cp1252 = "Vorname;Nachname;E-Mail\nJürgen;Müller;j@example.com\nRenée;Ström;r@example.com\n"
                .getBytes(Charset.forName("windows-1252"));
        byte[] utf16 = "First Name\tLast Name\tEmail\nZoë\tÅberg\tz@example.com\n".getBytes(StandardCharsets.UTF_16);

        as.importFile("contacts", "excel.csv", cp1252, Map.of());
        as.importFile("contacts", "unicode.txt", utf16, Map.of());

        assertThat(as.contactValues("first_name || ' ' || last_name"))
                .containsExactly("Jürgen Müller", "Renée Ström", "Zoë Åberg");
    }

    @Test
    void aTenMegabyteLineIsARowErrorAndTheOthersAreImported() {
        String huge = "x".repeat(10 * 1024 * 1024);
        String csv = "First Name,Email\nAda,ada@example.com\n" + huge + ",big@example.com\nAlan,alan@example.com\n";

        var done = as.importCsv(csv, Map.of());

        assertThat(as.contactValues("email")).containsExactly("ada@example.com", "alan@example.com");
        assertThat(as.errors("contacts", done.get("id").asString()))
                .isEqualTo("row,column,message\r\n3,,row is longer than 1048576 characters: skipped\r\n");
    }

    @Test
    void formulaCellsAreImportedAsText() {
        String csv =
                "First Name,Last Name,Email\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",+1,f@example.com\n";

        as.importCsv(csv, Map.of());

        assertThat(as.contactValues("first_name || '|' || last_name"))
                .containsExactly("=HYPERLINK(\"http://evil.example\",\"x\")|+1");
    }

    @Test
    void upsertByEmailUpdatesTheMatchAndDuplicateRowsMakeOneContact() {
        as.importCsv("First Name,Email,Tags\nAda,ada@example.com,a\n", Map.of());

        var done = as.importCsv(
                "Email,Job Title,Tags,First Name\nADA@example.com,Countess,b,\nnew@example.com,,x,New\n"
                        + "new@example.com,Boss,y,\n",
                Map.of());

        assertThat(done.get("createdCount").asLong()).isEqualTo(1);
        assertThat(done.get("updatedCount").asLong()).isEqualTo(2);
        assertThat(as.contactValues("email || ' ' || first_name || ' ' || coalesce(job_title, '-') || ' '"
                        + " || array_to_string(tags, '|')"))
                .containsExactly("ada@example.com Ada Countess a|b", "new@example.com New Boss x|y");
    }

    @Test
    void upsertByExternalIdMatchesOnTheRecordId() {
        as.importCsv("Record ID,First Name,Email\nhs-1,Ada,ada@example.com\n", Map.of());

        var done = as.importCsv(
                "Record ID,First Name,Email\nhs-1,Augusta,augusta@example.com\nhs-2,Grace,\n",
                Map.of("matchBy", "externalId"));

        assertThat(done.get("createdCount").asLong()).isEqualTo(1);
        assertThat(done.get("updatedCount").asLong()).isEqualTo(1);
        assertThat(as.contactValues("external_id || ' ' || first_name || ' ' || array_to_string(emails, '|')"))
                .containsExactly("hs-1 Augusta ada@example.com|augusta@example.com", "hs-2 Grace ");
    }

    @Test
    void createOnlyRefusesExistingContactsAndUpdateOnlyRefusesUnknownOnes() {
        as.importCsv("First Name,Email\nAda,ada@example.com\n", Map.of());

        var created = as.importCsv(
                "First Name,Email\nAda2,ada@example.com\nGrace,grace@example.com\n", Map.of("mode", "create"));
        var updated = as.importCsv(
                "First Name,Email\nAda3,ada@example.com\nNobody,nobody@example.com\n", Map.of("mode", "update"));

        assertThat(as.errors("contacts", created.get("id").asString()))
                .isEqualTo("row,column,message\r\n"
                        + "2,Email,already exists: a contact with this email exists (mode create)\r\n");
        assertThat(as.errors("contacts", updated.get("id").asString()))
                .isEqualTo("row,column,message\r\n3,Email,no contact with this email exists (mode update)\r\n");
        assertThat(as.contactValues("first_name")).containsExactly("Ada3", "Grace");
    }

    @Test
    void badInputIsRefusedWithAProblemAndStoresNothing() {
        var noFile = as.api.postMultipart("/api/v1/contacts/imports", Map.of("mode", "upsert"), null, null);
        var badMode = as.upload("contacts", "a.csv", "Email\na@example.com\n".getBytes(), Map.of("mode", "merge"));
        var badMapping = as.upload(
                "contacts",
                "a.csv",
                "Email\na@example.com\n".getBytes(),
                Map.of("mapping", "{\"Email\":\"shoeSize\"}"));
        var empty = as.upload("contacts", "a.csv", new byte[0], Map.of());

        for (var response : java.util.List.of(noFile, badMode, badMapping, empty)) {
            assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(badMapping.json().at("/errors/0/field").asString()).isEqualTo("mapping.Email");
        assertThat(as.count("select count(*) from imports where tenant_id = ?")).isZero();
    }
}
