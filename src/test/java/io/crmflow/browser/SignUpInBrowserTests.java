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

/** A person signs up in a real browser and lands on the dashboard, at desktop and at phone size. */
@IntegrationTest
class SignUpInBrowserTests {

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
    void signsUpAndLandsOnTheDashboardOnADesktop() {
        try (var context = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            String email = signUp(page, "Desktop Co");
            assertThat(page.getByTestId("dashboard")).isVisible();
            assertThat(page.getByTestId("dashboard")).containsText("Desktop Co");
            assertThat(page.getByTestId("nav-members")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-desktop.png")));

            page.getByTestId("signout").click();
            assertThat(page.getByTestId("signin-email")).isVisible();
            page.getByTestId("signin-email").fill(email);
            page.getByTestId("signin-password").fill("wrong password entirely");
            page.getByTestId("signin-submit").click();
            assertThat(page.getByTestId("signin-error")).containsText("Email or password is wrong");
            page.getByTestId("signin-password").fill(Users.PASSWORD);
            page.getByTestId("signin-submit").click();
            assertThat(page.getByTestId("dashboard")).isVisible();
        }
    }

    @Test
    void signsUpAndLandsOnTheDashboardOnAPhone() {
        try (var context = browsers.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setIsMobile(true)
                        .setHasTouch(true))) {
            Page page = context.newPage();
            signUp(page, "Phone Co");
            assertThat(page.getByTestId("dashboard")).isVisible();
            assertThat(page.getByTestId("nav-members")).isHidden();
            page.getByTestId("nav-toggle").click();
            assertThat(page.getByTestId("nav-members")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard-phone.png")));
            page.getByTestId("nav-members").click();
            assertThat(page.getByTestId("members-page")).isVisible();
        }
    }

    private String signUp(Page page, String workspace) {
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        page.navigate("http://localhost:" + port + "/");
        assertThat(page.getByTestId("signin-email")).isVisible(); // signed out: sent to sign-in
        page.getByTestId("signup-link").click();
        page.getByTestId("signup-name").fill("Browser Person");
        page.getByTestId("signup-email").fill(email);
        page.getByTestId("signup-password").fill(Users.PASSWORD);
        page.getByTestId("signup-workspace").fill(workspace);
        page.getByTestId("signup-submit").click();
        return email;
    }
}
