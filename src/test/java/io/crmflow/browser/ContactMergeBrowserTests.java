package io.crmflow.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.crmflow.support.Browsers;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Create → edit → merge in a browser: two contacts with one email, the second warned about the first; the merge
 * keeps the chosen values on the chosen survivor, the other is gone, and Undo brings it back.
 */
@IntegrationTest
class ContactMergeBrowserTests {

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
    void createEditMergeAndUndo() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            String base = "http://localhost:" + port;
            page.navigate(base + "/signup");
            page.getByTestId("signup-name").fill("Merge Person");
            page.getByTestId("signup-email").fill("merge-" + UUID.randomUUID() + "@example.com");
            page.getByTestId("signup-password").fill(Users.PASSWORD);
            page.getByTestId("signup-workspace").fill("Merge Co");
            page.getByTestId("signup-submit").click();
            assertThat(page.getByTestId("dashboard")).isVisible();

            // A: created through the form, a bad email first (field error, nothing saved)
            page.getByTestId("nav-contacts").click();
            page.getByTestId("contacts-new").click();
            page.getByTestId("contact-first-name").fill("Grace");
            page.getByTestId("contact-last-name").fill("Hopper");
            page.getByTestId("contact-email").fill("not-an-email");
            page.getByTestId("contact-save").click();
            assertThat(page.getByTestId("field-error")).containsText("is not an email address");
            page.getByTestId("contact-email").fill("grace@navy.example");
            page.getByTestId("contact-job-title").fill("Rear Admiral");
            page.getByTestId("contact-save").click();
            assertThat(page.getByTestId("contact-name")).hasText("Grace Hopper");
            String aUrl = page.url();

            // edit a field
            page.getByTestId("contact-edit").click();
            page.getByTestId("contact-phone").fill("+1 202 555 0143");
            page.getByTestId("contact-save").click();
            assertThat(page.getByTestId("contact-detail")).containsText("+12025550143");
            assertThat(page.getByTestId("timeline-item").first()).isVisible();
            page.getByTestId("note-body").fill("Met at the **COBOL** meeting <script>x()</script>");
            page.getByTestId("note-add").click();
            assertThat(page.getByTestId("timeline-note").first()).containsText("Met at the COBOL meeting");
            assertThat(page.locator("[data-testid=timeline-note] strong").first())
                    .hasText("COBOL");
            assertThat(page.locator("[data-testid=timeline-note] script")).hasCount(0);

            // B: the same email → possible duplicates shown, with a link to A
            page.navigate(base + "/contacts/new");
            page.getByTestId("contact-first-name").fill("G.");
            page.getByTestId("contact-last-name").fill("Hopper");
            page.getByTestId("contact-email").fill("Grace@Navy.example");
            page.getByTestId("contact-job-title").fill("Computer scientist");
            page.getByTestId("contact-save").click();
            assertThat(page.getByTestId("possible-duplicates")).containsText("Grace Hopper");
            String bUrl = page.url();

            // the duplicates page lists them; merge keeping B as survivor with A's first name and B's job title
            page.navigate(base + "/contacts/duplicates");
            assertThat(page.getByTestId("duplicate-group")).hasCount(1);
            page.getByTestId("merge-open").click();
            assertThat(page.getByTestId("merge-page")).isVisible();
            int a = page.locator("[data-testid=merge-field-firstName-0]")
                            .getAttribute("value")
                            .equals(id(aUrl))
                    ? 0
                    : 1;
            int b = 1 - a;
            page.getByTestId("merge-survivor-" + b).check();
            page.getByTestId("merge-field-firstName-" + a).check();
            page.getByTestId("merge-field-jobTitle-" + b).check();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/contact-merge.png")));
            page.getByTestId("merge-submit").click();

            assertThat(page.getByTestId("contact-name")).hasText("Grace Hopper");
            org.assertj.core.api.Assertions.assertThat(page.url()).isEqualTo(bUrl);
            assertThat(page.getByTestId("contact-job-title-value")).hasText("Computer scientist");
            assertThat(page.getByTestId("contact-detail")).containsText("+12025550143");
            assertThat(page.getByTestId("timeline-note").first()).containsText("Met at the COBOL meeting");
            Page other = context.newPage();
            other.navigate(aUrl);
            assertThat(other.getByText("404")).isVisible();
            other.navigate(base + "/contacts");
            assertThat(other.getByTestId("contact-row")).hasCount(1);

            // undo from the toast on the survivor's page: both are back, B with its own values
            page.getByTestId("merge-undo").click();
            assertThat(page.getByTestId("contact-row")).hasCount(2);
            other.navigate(aUrl);
            assertThat(other.getByTestId("contact-name")).hasText("Grace Hopper");
            other.navigate(bUrl);
            assertThat(other.getByTestId("contact-name")).hasText("G. Hopper");
        }
    }

    private static String id(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
