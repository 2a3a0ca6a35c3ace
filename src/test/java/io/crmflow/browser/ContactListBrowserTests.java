package io.crmflow.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.crmflow.support.Browsers;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The contacts list in a browser: search with highlighted matches, sorting, "Load more", the top search box, and a phone. */
@IntegrationTest
class ContactListBrowserTests {

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

    /** Signs up through the pages and creates seven Smiths and one other contact through the JSON API. */
    static void signUpWithContacts(Page page, int port) {
        page.navigate("http://localhost:" + port + "/signup");
        page.getByTestId("signup-name").fill("List Person");
        page.getByTestId("signup-email").fill("list-" + UUID.randomUUID() + "@example.com");
        page.getByTestId("signup-password").fill(Users.PASSWORD);
        page.getByTestId("signup-workspace").fill("List Co");
        page.getByTestId("signup-submit").click();
        assertThat(page.getByTestId("dashboard")).isVisible();
        for (int i = 0; i < 7; i++) {
            create(page, Map.of("firstName", "Anna" + i, "lastName", "Smith", "email", "anna" + i + "@example.com"));
        }
        create(page, Map.of("firstName", "Other", "lastName", "Person", "email", "other@example.com"));
    }

    static void create(Page page, Map<String, Object> contact) {
        page.waitForFunction("() => typeof window.crmApi === 'function'");
        Object status = page.evaluate(
                "async (body) => (await window.crmApi('POST', '/api/v1/contacts', body)).status", contact);
        org.assertj.core.api.Assertions.assertThat(status).isEqualTo(201);
    }

    @Test
    void searchHighlightsSortsAndLoadsMore() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            signUpWithContacts(page, port);
            page.navigate("http://localhost:" + port + "/contacts?limit=5");
            assertThat(page.getByTestId("contact-row")).hasCount(5);

            page.getByTestId("sort-name").click();
            assertThat(page.locator("th[data-col=name]")).hasAttribute("aria-sort", "ascending");
            assertThat(page.getByTestId("contact-row").first()).containsText("Other Person");
            page.getByTestId("sort-name").click();
            assertThat(page.locator("th[data-col=name]")).hasAttribute("aria-sort", "descending");
            assertThat(page.getByTestId("contact-row").first()).containsText("Anna6 Smith");
            org.assertj.core.api.Assertions.assertThat(page.url()).contains("sort=-name");
            page.getByTestId("contacts-load-more").click();
            assertThat(page.getByTestId("contact-row")).hasCount(8);
            assertThat(page.getByTestId("contact-row").last()).containsText("Other Person");

            page.getByTestId("contacts-search").fill("smith");
            assertThat(page.getByTestId("sorted-by-relevance")).isVisible();
            assertThat(page.locator("[data-testid=contact-row] mark").first()).hasText("Smith");
            assertThat(page.getByTestId("contact-row")).hasCount(5);
            page.getByTestId("contacts-load-more").click();
            assertThat(page.getByTestId("contact-row")).hasCount(7);
            assertThat(page.getByTestId("contacts-table")).not().containsText("Other Person");
            assertThat(page.getByTestId("contacts-load-more")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(page.url()).contains("q=smith");

            page.getByTestId("column-chooser").locator("summary").click();
            page.getByTestId("column-email").uncheck();
            assertThat(page.locator("td[data-col=email]").first()).isHidden();
            page.reload();
            assertThat(page.locator("td[data-col=email]").first()).isHidden();
            page.getByTestId("column-chooser").locator("summary").click();
            page.getByTestId("column-email").check();
            assertThat(page.locator("td[data-col=email]").first()).isVisible();

            // a condition from the and/or builder, saved as a segment that the picker then offers with its count
            page.getByTestId("contacts-search").fill("");
            page.getByTestId("filter-builder").locator("summary").click();
            page.getByTestId("filter-add").click();
            page.getByTestId("filter-field").selectOption("firstName");
            page.getByTestId("filter-op").selectOption("eq");
            page.getByTestId("filter-value").fill("Anna2");
            page.getByTestId("filter-add").click();
            page.getByTestId("filter-field").nth(1).selectOption("firstName");
            page.getByTestId("filter-value").nth(1).fill("Anna4");
            page.getByTestId("filter-join").selectOption("or");
            page.getByTestId("filter-apply").click();
            assertThat(page.getByTestId("contact-row")).hasCount(2);
            // the list's htmx swap may still replace the toolbar (and close the segment form) on a slow machine
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            page.getByTestId("segment-save-open").click();
            assertThat(page.getByTestId("segment-name")).isVisible();
            page.getByTestId("segment-name").fill("Two Annas");
            page.getByTestId("segment-save").click();
            assertThat(page.getByTestId("segment-picker")).containsText("Two Annas (2)");
            assertThat(page.getByTestId("contact-row")).hasCount(2);

            page.getByTestId("global-search").fill("other");
            assertThat(page.getByTestId("global-search-result").first()).containsText("Other Person");
            page.getByTestId("global-search").press("ArrowDown");
            page.getByTestId("global-search").press("Enter");
            assertThat(page.getByTestId("contact-name")).hasText("Other Person");
        }
    }

    @Test
    void theListIsUsableOnAPhone() {
        try (var context = browsers.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setIsMobile(true)
                        .setHasTouch(true))) {
            Page page = context.newPage();
            signUpWithContacts(page, port);
            page.navigate("http://localhost:" + port + "/contacts");
            assertThat(page.getByTestId("contacts-table")).isVisible();
            assertThat(page.getByTestId("contact-row")).hasCount(8);
            assertThat(page.getByTestId("contacts-new")).isInViewport();
            assertThat(page.getByTestId("contacts-search")).isInViewport();
            assertThat(page.locator("[data-testid=contact-row] [data-testid=contact-link]")
                            .first())
                    .isInViewport();
            // wider content would make the phone zoom out (and innerWidth grow with it): compare with 390
            Object width = page.evaluate("document.documentElement.scrollWidth");
            org.assertj.core.api.Assertions.assertThat(((Number) width).intValue())
                    .isLessThanOrEqualTo(390);
            assertThat(page.getByTestId("global-search")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/contacts-phone.png")));
            page.getByTestId("contacts-search").fill("other");
            assertThat(page.getByTestId("contact-row").first()).containsText("Other Person");
            page.getByTestId("contact-link").first().click();
            assertThat(page.getByTestId("contact-detail")).isVisible();
        }
    }

    @Test
    void bulkActionsWithUndoFromTheToast() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            signUpWithContacts(page, port);
            page.onDialog(dialog -> dialog.accept());
            page.navigate("http://localhost:" + port + "/contacts");
            assertThat(page.getByTestId("bulk-bar")).isHidden();
            page.getByTestId("row-select").nth(0).check();
            page.getByTestId("row-select").nth(1).check();
            assertThat(page.getByTestId("bulk-bar")).isVisible();
            assertThat(page.getByTestId("bulk-bar")).containsText("2 selected");
            page.getByTestId("bulk-action").selectOption("addTag");
            page.getByTestId("bulk-tag").fill("hot");
            page.getByTestId("bulk-apply").click();
            assertThat(page.getByTestId("toast")).containsText("2 record(s) updated");
            assertThat(page.locator("td[data-col=tags]:has-text('hot')")).hasCount(2);
            page.getByTestId("bulk-undo").click();
            assertThat(page.getByTestId("toast")).containsText("Undone");
            assertThat(page.locator("td[data-col=tags]:has-text('hot')")).hasCount(0);
            assertThat(page.getByTestId("bulk-undo")).isHidden();

            page.getByTestId("contacts-search").fill("smith");
            assertThat(page.getByTestId("sorted-by-relevance")).isVisible();
            page.getByTestId("select-page").check();
            page.getByTestId("bulk-select-all").click();
            assertThat(page.getByTestId("bulk-bar")).containsText("All matching");
            page.getByTestId("bulk-action").selectOption("delete");
            page.getByTestId("bulk-apply").click();
            assertThat(page.getByTestId("toast")).containsText("7 record(s) moved to the trash");
            assertThat(page.getByTestId("contact-row")).hasCount(0);
            page.getByTestId("bulk-undo").click();
            assertThat(page.getByTestId("contact-row")).hasCount(7);
        }
    }
}
