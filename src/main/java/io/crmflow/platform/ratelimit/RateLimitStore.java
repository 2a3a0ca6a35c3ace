package io.crmflow.platform.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets (Bucket4j): in Redis when configured, so every node draws on one budget; otherwise, and whenever
 * Redis cannot be reached, in this node's memory (fail-open: the node keeps serving with local limits, logs it and
 * counts it in {@code crmflow.ratelimit.store.failures}). A node that starts while Redis is down retries the
 * connection every 10 seconds.
 */
final class RateLimitStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimitStore.class);
    private static final int MAX_LOCAL_BUCKETS = 200_000;
    private static final Duration RECONNECT_EVERY = Duration.ofSeconds(10);

    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private final @Nullable RedisClient redis;
    private final Counter failures;
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong lastConnectAttempt = new AtomicLong();
    private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;
    private volatile @Nullable ProxyManager<String> shared;

    RateLimitStore(@Nullable String redisUrl, MeterRegistry meters) {
        this.failures = Counter.builder("crmflow.ratelimit.store.failures")
                .description("Rate-limit checks that fell back to local counters because Redis failed")
                .register(meters);
        if (redisUrl == null || redisUrl.isBlank()) {
            redis = null;
            return;
        }
        redis = RedisClient.create(redisUrl);
        redis.setDefaultTimeout(Duration.ofMillis(500));
        connect();
    }

    boolean isShared() {
        return shared != null;
    }

    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        if (redis != null) {
            ProxyManager<String> proxies = shared;
            if (proxies == null && System.currentTimeMillis() - lastConnectAttempt.get() > RECONNECT_EVERY.toMillis()) {
                proxies = connect();
            }
            try {
                if (proxies == null) {
                    throw new IllegalStateException("not connected to Redis");
                }
                return proxies.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                failures.increment();
                warn(e);
            }
        }
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear(); // a flood of distinct clients: forget old buckets rather than grow without bound
        }
        return local.computeIfAbsent(
                        key,
                        k -> Bucket.builder()
                                .addLimit(configuration.getBandwidths()[0])
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }

    static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.requests())
                        .refillGreedy(limit.requests(), limit.window())
                        .build())
                .build();
    }

    private synchronized @Nullable ProxyManager<String> connect() {
        if (shared != null || redis == null) {
            return shared;
        }
        lastConnectAttempt.set(System.currentTimeMillis());
        try {
            var opened = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection = opened;
            shared = LettuceBasedProxyManager.builderFor(opened)
                    .withExpirationStrategy(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
            log.info("Rate limits are shared through Redis");
        } catch (RuntimeException e) {
            warn(e);
        }
        return shared;
    }

    private void warn(RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
            log.warn("Redis unreachable for rate limits, using this node's counters: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        var open = connection;
        if (open != null) {
            open.close();
        }
        if (redis != null) {
            redis.shutdown();
        }
    }
}
