package io.crmflow.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.CrmFlowApplication;
import io.crmflow.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two app nodes sharing one Redis (and one PostgreSQL, so one session works on both) draw on one budget: a user
 * alternating between them is refused after the user limit in total, not twice that. Needs
 * {@code CRMFLOW_TEST_REDIS_URL}; skipped with the reason without it, except under CI.
 */
class RateLimitAcrossNodesTests {

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodesOnOneRedis() {
        String redis = RedisRateLimitStoreTests.redisUrl();
        nodeA = node(redis);
        nodeB = node(redis);
    }

    static ConfigurableApplicationContext node(String redis) {
        return new SpringApplicationBuilder(CrmFlowApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--crmflow.rate-limit.redis-url=" + redis,
                        "--crmflow.rate-limit.user.requests=50");
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
    }

    static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aUserAlternatingBetweenNodesIsRefusedAfterOneBudget() {
        var onA = new Api(port(nodeA));
        onA.signUpFresh("Two nodes, one budget");
        var onB = onA.sameSessionOn(port(nodeB));
        int answered = 0;
        for (int i = 0; i < 120; i++) {
            var response = (i % 2 == 0 ? onA : onB).get("/api/v1/me");
            if (response.status() == 429) {
                break;
            }
            assertThat(response.status()).isEqualTo(200);
            answered++;
        }
        assertThat(answered).isBetween(40, 49); // 50 in total, a few spent on sign-up; not 100
    }
}
