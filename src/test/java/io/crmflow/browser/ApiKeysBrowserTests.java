package io.crmflow.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.crmflow.support.Api;
import io.crmflow.support.Browsers;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An owner creates an API key in Settings → API keys, sees its secret once, uses it, and revokes it. */
@IntegrationTest
class ApiKeysBrowserTests {

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

    int status(String key) {
        var api = new Api(port);
        return api.send(api.request("/api/v1/members")
                        .header("Authorization", "Bearer " + key)
                        .GET())
                .status();
    }

    @Test
    void createsUsesAndRevokesAKey() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/signup");
            page.getByTestId("signup-name").fill("Key Person");
            page.getByTestId("signup-email").fill("keys-" + UUID.randomUUID() + "@example.com");
            page.getByTestId("signup-password").fill(Users.PASSWORD);
            page.getByTestId("signup-workspace").fill("Key Co");
            page.getByTestId("signup-submit").click();
            assertThat(page.getByTestId("dashboard")).isVisible();

            page.getByTestId("nav-api-keys").click();
            assertThat(page.getByTestId("api-keys-page")).isVisible();
            page.getByTestId("api-key-name").fill("Nightly export");
            page.getByTestId("api-key-scope-read").check();
            page.getByTestId("api-key-create").click();

            assertThat(page.getByTestId("api-key-secret")).isVisible();
            String secret = page.getByTestId("api-key-secret").textContent().strip();
            org.assertj.core.api.Assertions.assertThat(secret).matches("crm_[0-9A-Za-z]{43}");
            assertThat(page.getByTestId("api-key-row")).containsText("Nightly export");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/api-keys.png")));
            org.assertj.core.api.Assertions.assertThat(status(secret)).isEqualTo(200);

            page.getByTestId("nav-api-keys").click();
            assertThat(page.getByTestId("api-key-secret")).hasCount(0);
            page.getByTestId("api-key-revoke").click();
            assertThat(page.getByTestId("api-key-row")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(status(secret)).isEqualTo(401);
        }
    }
}
