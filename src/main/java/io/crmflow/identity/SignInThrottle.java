package io.crmflow.identity;

import io.crmflow.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing, per account and per client IP, with delays that double after each failure beyond
 * the free ones. Counters live in PostgreSQL, so every node enforces the same delay. A success clears the
 * account's counter; an hour without failures forgets them.
 */
@Component
class SignInThrottle {

    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Settings settings;

    /** Free failures before delays start, and the delay's bounds. */
    @ConfigurationProperties("crmflow.security.throttle")
    record Settings(int accountFreeFailures, int ipFreeFailures, Duration baseDelay, Duration maxDelay) {}

    SignInThrottle(JdbcClient jdbc, Clock clock, Settings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** Refuses with 429 while the account or the IP has to wait. */
    @Transactional(readOnly = true)
    public void check(String email, String ip) {
        Instant now = Instant.now(clock);
        var blocked = jdbc.sql("""
                select blocked_until from sign_in_throttle
                where throttle_key in (?, ?) and blocked_until > ?
                order by blocked_until desc limit 1
                """)
                .params(accountKey(email), ipKey(ip), Timestamp.from(now))
                .query(Timestamp.class)
                .optional();
        if (blocked.isPresent()) {
            Timestamp blockedUntil = blocked.get();
            Duration wait = Duration.between(now, blockedUntil.toInstant());
            long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
            throw ApiProblem.tooManyRequests(
                    "sign_in_throttled",
                    "Too many failed sign-in attempts. Try again in " + seconds + " second" + (seconds == 1 ? "" : "s")
                            + ".",
                    Duration.ofSeconds(seconds));
        }
    }

    /** Counts a failure; runs in its own transaction so it sticks whatever the caller does next. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String email, String ip) {
        count(accountKey(email), settings.accountFreeFailures());
        count(ipKey(ip), settings.ipFreeFailures());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String email) {
        jdbc.sql("delete from sign_in_throttle where throttle_key = ?")
                .param(accountKey(email))
                .update();
    }

    private void count(String key, int freeFailures) {
        Instant now = Instant.now(clock);
        int failures = jdbc.sql("""
                insert into sign_in_throttle (throttle_key, failures, last_failure_at, blocked_until)
                values (?, 1, ?, ?)
                on conflict (throttle_key) do update
                   set failures = case when sign_in_throttle.last_failure_at < ? then 1
                                       else sign_in_throttle.failures + 1 end,
                       last_failure_at = excluded.last_failure_at
                returning failures
                """)
                .params(key, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.minus(FORGET_AFTER)))
                .query(Integer.class)
                .single();
        if (failures > freeFailures) {
            jdbc.sql("update sign_in_throttle set blocked_until = ? where throttle_key = ?")
                    .params(Timestamp.from(now.plus(delay(failures - freeFailures))), key)
                    .update();
        }
    }

    /** base, 2·base, 4·base … capped at the maximum. */
    Duration delay(int failuresBeyondFree) {
        int doublings = Math.min(failuresBeyondFree - 1, 30);
        Duration delay = settings.baseDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private static String accountKey(String email) {
        return "account:" + email.trim().toLowerCase(Locale.ROOT);
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }
}
