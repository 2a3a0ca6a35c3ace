package io.crmflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B test vectors (SHA-1 key), cut to the 6 digits authenticator apps show. */
class TotpTests {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfcTestVectors() {
        assertThat(code(59)).isEqualTo("287082");
        assertThat(code(1111111109)).isEqualTo("081804");
        assertThat(code(1111111111)).isEqualTo("050471");
        assertThat(code(1234567890)).isEqualTo("005924");
        assertThat(code(2000000000)).isEqualTo("279037");
        assertThat(code(20000000000L)).isEqualTo("353130");
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.stepAt(now);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1), now, 1))
                .hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1), now, 1))
                .hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2), now, 1))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2), now, 1))
                .isEmpty();
    }

    @Test
    void base32RoundTripsAsRfc4648WithoutPadding() {
        assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(RFC_KEY);
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }

    private static String code(long epochSecond) {
        return Totp.code(RFC_KEY, Totp.stepAt(Instant.ofEpochSecond(epochSecond)));
    }
}
