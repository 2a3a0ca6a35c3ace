package io.crmflow.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright. Where Chromium is absent the browser tests are reported as skipped, with
 * the reason; under CI (where .ci/run installs it) its absence is a failure, never a silent pass.
 */
public final class Browsers {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CRMFLOW_CHROMIUM", "/usr/bin/chromium"));

    private Browsers() {}

    public record Session(Playwright playwright, Browser browser) implements AutoCloseable {
        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    public static Session launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = "Chromium not found at " + CHROMIUM + ": browser tests skipped (apt-get install chromium)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " — CI must run them");
            }
            Assumptions.abort(reason);
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
        return new Session(playwright, browser);
    }
}
