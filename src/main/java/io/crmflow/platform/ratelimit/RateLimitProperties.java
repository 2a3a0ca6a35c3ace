package io.crmflow.platform.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits per window. {@code anonymous} applies per client IP, {@code user} per signed-in user, {@code apiKey} per
 * key, {@code auth} per IP to sign-in, sign-up and password reset (stricter). {@code plans} overrides the user and
 * key limits per workspace plan.
 *
 * @param redisUrl Redis shared by all nodes ({@code CRMFLOW_REDIS_URL}); blank = counters in this node only
 */
@ConfigurationProperties("crmflow.rate-limit")
record RateLimitProperties(
        boolean enabled,
        Limit anonymous,
        Limit user,
        Limit apiKey,
        Limit auth,
        @Nullable Map<String, Limit> plans,
        @Nullable String redisUrl) {

    RateLimitProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans); // "plans: {}" in YAML binds to null
    }

    /** {@code requests} per {@code window}. */
    record Limit(long requests, Duration window) {}
}
