package io.crmflow.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.crmflow.support.Browsers;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Oath;
import io.crmflow.support.Users;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person turns on two-factor sign-in from their profile and then signs in with a code, in a real browser. */
@IntegrationTest
class TwoFactorBrowserTests {

    static Browsers.Session browsers;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        Oath.require();
        browsers = Browsers.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    void enrolsFromTheProfileThenSignsInWithACode() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            String email = "browser-2fa-" + UUID.randomUUID() + "@example.com";
            page.navigate("http://localhost:" + port + "/signup");
            page.getByTestId("signup-name").fill("Careful Person");
            page.getByTestId("signup-email").fill(email);
            page.getByTestId("signup-password").fill(Users.PASSWORD);
            page.getByTestId("signup-workspace").fill("Careful Co");
            page.getByTestId("signup-submit").click();
            assertThat(page.getByTestId("dashboard")).isVisible();

            page.navigate("http://localhost:" + port + "/profile");
            page.getByTestId("profile-two-factor-link").click();
            page.getByTestId("two-factor-start").click();
            assertThat(page.getByTestId("totp-qr").locator("svg")).isVisible();
            String secret = page.getByTestId("totp-secret").textContent().strip();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/two-factor-setup.png")));
            page.getByTestId("totp-confirm-code").fill(Oath.totp(secret, 0));
            page.getByTestId("totp-confirm").click();
            assertThat(page.getByTestId("recovery-codes").locator("li")).hasCount(10);

            page.getByTestId("signout").click();
            page.getByTestId("signin-email").fill(email);
            page.getByTestId("signin-password").fill(Users.PASSWORD);
            page.getByTestId("signin-submit").click();
            page.getByTestId("totp-code").fill("000000".equals(Oath.totp(secret, 1)) ? "111111" : "000000");
            page.getByTestId("totp-submit").click();
            assertThat(page.getByTestId("totp-error")).isVisible();
            page.getByTestId("totp-code").fill(Oath.totp(secret, 1));
            page.getByTestId("totp-submit").click();
            assertThat(page.getByTestId("dashboard")).isVisible();
        }
    }
}
