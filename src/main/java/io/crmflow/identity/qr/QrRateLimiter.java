package io.crmflow.identity.qr;

import io.crmflow.platform.web.ApiProblem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * QR creation per client: {@code crmflow.qr.creations-per-minute} (10) per IP, token bucket (Bucket4j), on this
 * node. The distributed limiter of the API platform replaces it when that lands.
 */
@Component
class QrRateLimiter {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    QrRateLimiter(@Value("${crmflow.qr.creations-per-minute}") int perMinute) {
        this.perMinute = perMinute;
    }

    /** Forgets every client's bucket (tests that exhaust the limit clean up with it). */
    void forgetAll() {
        buckets.clear();
    }

    void check(String client) {
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.clear(); // a flood of distinct clients: forget old buckets rather than grow without bound
        }
        Bucket bucket = buckets.computeIfAbsent(
                client,
                c -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw ApiProblem.tooManyRequests(
                    "qr_rate_limited",
                    "Too many QR codes requested from this device. Try again in " + Math.max(1, wait.toSeconds() + 1)
                            + " seconds.",
                    wait.plusSeconds(1));
        }
    }
}
