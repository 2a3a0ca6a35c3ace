package io.crmflow.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.crmflow.support.Browsers;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A member imports a CSV with odd headers: fixes one column's mapping, starts, and watches it complete. */
@IntegrationTest
class ImportBrowserTests {

    static Browsers.Session browsers;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    void importsACsvWithAChangedColumnMapping() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/signup");
            page.getByTestId("signup-name").fill("Importer");
            page.getByTestId("signup-email").fill("import-" + UUID.randomUUID() + "@example.com");
            page.getByTestId("signup-password").fill(Users.PASSWORD);
            page.getByTestId("signup-workspace").fill("Import Co");
            page.getByTestId("signup-submit").click();
            assertThat(page.getByTestId("dashboard")).isVisible();

            page.navigate(base + "/contacts/import");
            String csv = "Vorname,Electronic Mail,Notes\nMarie,marie@example.com,x\nPierre,pierre@example.com,y\n";
            page.getByTestId("import-file")
                    .setInputFiles(new FilePayload("fair.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
            page.getByTestId("import-upload").click();

            assertThat(page.getByTestId("import-mapping-0")).hasValue("firstName");
            assertThat(page.getByTestId("import-mapping-1")).hasValue("ignore");
            page.getByTestId("import-mapping-1").selectOption("email");
            assertThat(page.getByTestId("import-preview-row").first()).containsText("email: marie@example.com");
            page.getByTestId("import-mode").selectOption("create");
            page.getByTestId("import-start").click();

            assertThat(page.getByTestId("import-status")).hasText("completed");
            assertThat(page.getByTestId("import-progress")).hasAttribute("value", "2");
            assertThat(page.getByTestId("import-errors-link")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/import.png")));

            page.navigate(base + "/api/v1/contacts?email=pierre@example.com");
            assertThat(page.locator("body")).containsText("Pierre");
            page.navigate(base + "/api/v1/contacts?email=marie@example.com");
            assertThat(page.locator("body")).containsText("Marie");
        }
    }
}
