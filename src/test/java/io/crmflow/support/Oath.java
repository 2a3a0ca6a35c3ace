package io.crmflow.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * TOTP codes from an independent implementation: {@code oathtool} (Debian package {@code oathtool}), as a real
 * authenticator would make them. Where it is absent the tests are reported as skipped, with the reason; under CI
 * (where .ci/run installs it) its absence is a failure, never a silent pass.
 */
public final class Oath {

    private static final Path OATHTOOL = Path.of(System.getenv().getOrDefault("CRMFLOW_OATHTOOL", "/usr/bin/oathtool"));

    private Oath() {}

    /** Aborts (skips) the calling test when oathtool is missing; fails it instead under CI. */
    public static void require() {
        if (!Files.isExecutable(OATHTOOL)) {
            String reason = "oathtool not found at " + OATHTOOL + ": TOTP tests skipped (apt-get install oathtool)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " — CI must run them");
            }
            Assumptions.abort(reason);
        }
    }

    /** The code for the 30-second step the given time falls in. */
    public static String totpAt(String base32Secret, Instant time) {
        require();
        try {
            Process process = new ProcessBuilder(
                            OATHTOOL.toString(), "--totp", "-b", "--now=@" + time.getEpochSecond(), base32Secret)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || !out.matches("\\d{6}")) {
                throw new IllegalStateException("oathtool failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The code for the step {@code steps} 30-second steps away from now (negative: earlier). */
    public static String totp(String base32Secret, int steps) {
        return totpAt(base32Secret, Instant.now().plusSeconds(30L * steps));
    }
}
