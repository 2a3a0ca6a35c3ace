package io.crmflow.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.crmflow.support.Browsers;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.QrReader;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * QR sign-in as people do it: a desktop (1280×800) shows the code, a signed-in phone (390×844) reads it, picks the
 * number shown on the desktop, and the desktop lands on the dashboard by itself.
 */
@IntegrationTest
class QrSignInBrowserTests {

    static Browsers.Session browsers;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    BrowserContext desktopContext;
    BrowserContext phoneContext;
    Page desktop;
    Page phone;
    String workspace;
    String email;

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

    @BeforeEach
    void desktopAndSignedInPhone() {
        desktopContext = browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        phoneContext = browsers.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setIsMobile(true)
                        .setHasTouch(true)
                        .setUserAgent(
                                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"));
        desktop = desktopContext.newPage();
        phone = phoneContext.newPage();
        workspace = "Phone Co " + UUID.randomUUID().toString().substring(0, 6);
        phone.navigate(url("/signup"));
        phone.getByTestId("signup-name").fill("Phone Person");
        email = "phone-" + UUID.randomUUID() + "@example.com";
        phone.getByTestId("signup-email").fill(email);
        phone.getByTestId("signup-password").fill(Users.PASSWORD);
        phone.getByTestId("signup-workspace").fill(workspace);
        phone.getByTestId("signup-submit").click();
        assertThat(phone.getByTestId("dashboard")).isVisible();
    }

    @AfterEach
    void closeContexts() {
        desktopContext.close();
        phoneContext.close();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens the desktop's sign-in page and reads its QR code from the screen. */
    String scanDesktopQr() {
        desktop.navigate(url("/signin"));
        Locator code = desktop.getByTestId("qr-code").locator("svg");
        assertThat(code).isVisible();
        String link = QrReader.read(code.screenshot());
        assertThat(link).startsWith("http://localhost/qr/");
        // the test app's base URL has no port; the phone reaches the same path on the test server
        return url(link.substring("http://localhost".length()));
    }

    @Test
    void phoneApprovesAndTheDesktopSignsInByItself() {
        String link = scanDesktopQr();
        phone.navigate(link);
        assertThat(phone.getByTestId("qr-request-details")).containsText("Chrome");
        Locator number = desktop.getByTestId("qr-match-number");
        assertThat(number).hasText(Pattern.compile("^\\d{2}$"));
        String shown = number.textContent().trim();
        assertThat(phone.getByTestId("qr-choice")).hasCount(3);
        phone.getByTestId("qr-choice")
                .filter(new Locator.FilterOptions().setHasText(shown))
                .click();
        assertThat(phone.getByTestId("qr-approved")).isVisible();

        desktop.waitForURL(url("/"));
        assertThat(desktop.getByTestId("dashboard")).containsText(workspace);
        desktop.screenshot(new Page.ScreenshotOptions()
                .setPath(java.nio.file.Path.of("target/screenshots/qr-desktop-signed-in.png")));

        // the new session shows in the phone user's active sessions, marked as a QR sign-in
        phone.navigate(url("/profile"));
        assertThat(phone.getByTestId("session-qr")).hasCount(1);
    }

    @Test
    void aLinkedPhoneApprovesWithoutSigningInAgain() {
        // the user, signed in on their workstation, links a phone that has never signed in
        try (BrowserContext workstationContext =
                        browsers.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                BrowserContext newPhoneContext = browsers.browser()
                        .newContext(new Browser.NewContextOptions()
                                .setViewportSize(390, 844)
                                .setIsMobile(true)
                                .setHasTouch(true))) {
            Page workstation = workstationContext.newPage();
            workstation.navigate(url("/signin"));
            workstation.getByTestId("signin-email").fill(email);
            workstation.getByTestId("signin-password").fill(Users.PASSWORD);
            workstation.getByTestId("signin-submit").click();
            assertThat(workstation.getByTestId("dashboard")).isVisible();
            workstation.navigate(url("/profile"));
            workstation.getByTestId("device-link-start").click();
            Locator code = workstation.getByTestId("device-link-qr").locator("svg");
            assertThat(code).isVisible();
            String link = QrReader.read(code.screenshot());

            Page newPhone = newPhoneContext.newPage();
            newPhone.navigate(url(link.substring("http://localhost".length())));
            newPhone.getByTestId("device-name").fill("Pixel");
            newPhone.getByTestId("device-link-confirm").click();
            assertThat(newPhone.getByTestId("dashboard")).isVisible();
            workstation.navigate(url("/profile"));
            assertThat(workstation.getByTestId("linked-device")).containsText("Pixel");

            // days later: the phone's session is gone, only its device cookie is left
            newPhoneContext.clearCookies(new BrowserContext.ClearCookiesOptions().setName("CRMFLOW_SESSION"));
            newPhone.navigate(scanDesktopQr());
            assertThat(newPhone.getByTestId("qr-request-details")).isVisible(); // no password asked
            String shown = desktop.getByTestId("qr-match-number").textContent().trim();
            newPhone.getByTestId("qr-choice")
                    .filter(new Locator.FilterOptions().setHasText(shown))
                    .click();
            assertThat(newPhone.getByTestId("qr-approved")).isVisible();
            desktop.waitForURL(url("/"));
            assertThat(desktop.getByTestId("dashboard")).containsText(workspace);

            // unlinking from the workstation signs the phone out and ends its pass
            workstation.navigate(url("/profile"));
            workstation.getByTestId("device-revoke").click();
            newPhone.navigate(url("/"));
            assertThat(newPhone.getByTestId("signin-email")).isVisible();
        }
    }

    @Test
    void denyingOnThePhoneLeavesTheDesktopSignedOut() {
        phone.navigate(scanDesktopQr());
        assertThat(desktop.getByTestId("qr-match-number")).isVisible();
        phone.getByTestId("qr-deny").click();
        assertThat(phone.getByTestId("qr-denied")).isVisible();
        assertThat(desktop.getByTestId("qr-status")).containsText("denied");
        assertThat(desktop.getByTestId("signin-email")).isVisible();
        assertThat(desktop.getByTestId("qr-code").locator("svg")).isVisible(); // a fresh code replaces it
    }

    @Test
    void aWrongNumberDeniesAndBurnsTheCode() {
        String link = scanDesktopQr();
        phone.navigate(link);
        String shown = desktop.getByTestId("qr-match-number").textContent().trim();
        assertThat(shown).matches("\\d{2}");
        phone.getByTestId("qr-choice")
                .filter(new Locator.FilterOptions().setHasNotText(shown))
                .first()
                .click();
        assertThat(phone.getByTestId("qr-denied")).containsText("not the number");
        assertThat(desktop.getByTestId("qr-status")).containsText("denied");
        phone.navigate(link);
        assertThat(phone.getByTestId("qr-error")).containsText("denied");
    }

    @Test
    void anExpiredCodeIsRefusedOnThePhone() {
        String link = scanDesktopQr();
        String token = link.substring(link.lastIndexOf('/') + 1);
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "update qr_sessions set expires_at = now() - interval '1 second' where token_hash = sha256(convert_to(?, 'UTF8'))",
                        token));
        phone.navigate(link);
        assertThat(phone.getByTestId("qr-error")).containsText("expired");
    }
}
