package io.crmflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Exports: CSV and XLSX with formula cells defused, vCard 4.0, the list filters, and bad formats. */
@IntegrationTest
class ExportTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    ImportFixture as;

    @BeforeEach
    void twoContacts() {
        as = new ImportFixture(port, owner);
        as.importCsv("""
                First Name,Last Name,Email,Emails,Phone,Job Title,Tags,City
                "=HYPERLINK(""http://evil.example"",""x"")",@risk,f@example.com,,,-boss,a;b,Köln
                Ada,"Lovelace, Countess",ada@example.com,ada2@example.com,+44 20 7946 0958,Analyst; Poet,,London
                """, Map.of());
    }

    String text(String query) {
        var response = as.api.get("/api/v1/contacts/exports?" + query);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.raw().body();
    }

    @Test
    void csvDefusesFormulaCellsAndQuotesPerRfc4180() {
        String csv = text("format=csv");

        var lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFid,firstName,lastName,email,emails,phone,phones,jobTitle,");
        assertThat(lines).hasSize(3);
        java.util.Arrays.sort(lines, 1, 3, java.util.Comparator.comparing(l -> l.contains("Ada") ? 0 : 1));
        assertThat(lines[1])
                .contains(
                        ",Ada,\"Lovelace, Countess\",ada@example.com,ada2@example.com,+442079460958,,\"Analyst; Poet\",")
                .contains(",London,");
        assertThat(lines[2])
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'@risk,f@example.com,")
                .contains(",'-boss,")
                .contains(",\"a; b\",")
                .contains(",Köln,");
    }

    @Test
    void xlsxHasTheSameCellsAsText() throws Exception {
        var api = as.api;
        HttpResponse<byte[]> response = api.http()
                .send(
                        api.request("/api/v1/contacts/exports?format=xlsx&email=ada@example.com")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()));
                var rows = workbook.getFirstSheet().openStream()) {
            List<Row> all = rows.toList();
            assertThat(all).hasSize(2);
            assertThat(all.get(0).getCellText(1)).isEqualTo("firstName");
            assertThat(all.get(1).getCellText(1)).isEqualTo("Ada");
            assertThat(all.get(1).getCellText(2)).isEqualTo("Lovelace, Countess");
        }
        as.importFile("contacts", "formula.xlsx", xlsxOf(), Map.of());
        assertThat(as.contactValues("first_name")).contains("=1+1");
    }

    static byte[] xlsxOf() throws Exception {
        return ImportApiTests.xlsx(List.of(List.of("First Name", "Email"), List.of("=1+1", "x@example.com")));
    }

    @Test
    void vcardIsVersion4WithEscapedText() {
        String vcf = text("format=vcard&email=ada@example.com");

        assertThat(vcf).startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:");
        assertThat(vcf)
                .contains("\r\nFN:Ada Lovelace\\, Countess\r\n")
                .contains("\r\nN:Lovelace\\, Countess;Ada;;;\r\n")
                .contains("\r\nEMAIL;PREF=1:ada@example.com\r\nEMAIL:ada2@example.com\r\n")
                .contains("\r\nTEL;VALUE=uri;PREF=1:tel:+442079460958\r\n")
                .contains("\r\nTITLE:Analyst\\; Poet\r\n")
                .contains("\r\nADR:;;;London;;;\r\n")
                .endsWith("END:VCARD\r\n");
        assertThat(vcf.split("BEGIN:VCARD", -1)).hasSize(2);
    }

    @Test
    void companiesExportAsCsvButNotVcard() {
        as.importFile("companies", "c.csv", "Name,Domain\nAcme,acme.com\n".getBytes(StandardCharsets.UTF_8), Map.of());

        var csv = as.api.get("/api/v1/companies/exports?format=csv");
        var vcard = as.api.get("/api/v1/companies/exports?format=vcard");

        assertThat(csv.raw().body().split("\r\n")[1]).contains(",Acme,acme.com,");
        assertThat(vcard.status()).isEqualTo(400);
        assertThat(vcard.contentType()).startsWith("application/problem+json");
    }
}
