package io.crmflow.platform.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/** Puts the rate limiter into the security filter chain, after authentication and before authorization. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean(destroyMethod = "close")
    RateLimitStore rateLimitStore(RateLimitProperties properties, MeterRegistry meters) {
        return new RateLimitStore(properties.redisUrl(), meters);
    }

    @Bean
    Customizer<HttpSecurity> rateLimiting(
            RateLimitProperties properties, RateLimitStore store, JdbcClient jdbc, MeterRegistry meters) {
        var plans = new PlanCache(jdbc);
        return http -> http.addFilterBefore(
                new RateLimitFilter(properties, store, plans::planOf, meters), AuthorizationFilter.class);
    }

    /** Workspace plans, read at most once a minute per workspace (plans change rarely; the table is global). */
    static final class PlanCache {
        private final JdbcClient jdbc;
        private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

        PlanCache(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        record Cached(@Nullable String plan, Instant until) {}

        @Nullable
        String planOf(UUID workspace) {
            Instant now = Instant.now();
            Cached cached = cache.get(workspace);
            if (cached == null || cached.until().isBefore(now)) {
                if (cache.size() > 100_000) {
                    cache.clear();
                }
                String plan = jdbc.sql("select plan from workspaces where id = ?")
                        .param(workspace)
                        .query(String.class)
                        .optional()
                        .orElse(null);
                cached = new Cached(plan, now.plus(Duration.ofMinutes(1)));
                cache.put(workspace, cached);
            }
            return cached.plan();
        }
    }
}
