package io.crmflow.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxSenderTests {

    @Test
    void backoffDoublesFromOneMinuteUpToFourHours() {
        assertThat(OutboxSender.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(OutboxSender.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OutboxSender.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(OutboxSender.backoff(9)).isEqualTo(Duration.ofHours(4));
        assertThat(OutboxSender.backoff(40)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void retriesSpanAboutADayBeforeMailFails() {
        Duration total = IntStream.range(1, OutboxSender.MAX_ATTEMPTS)
                .mapToObj(OutboxSender::backoff)
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(23), Duration.ofHours(25));
    }
}
