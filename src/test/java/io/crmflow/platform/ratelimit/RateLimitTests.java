package io.crmflow.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every answer carries the rate-limit headers; past the budget it is 429 with Retry-After. The test profile gives
 * users 300 and API keys 60 requests per 15 minutes, and the "scale" plan 40.
 */
@IntegrationTest
class RateLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    /** Sends the request until it is refused; returns how many were answered before. */
    static int answeredBeforeRefusal(Api api, HttpRequest.Builder request, int atMost) {
        for (int i = 0; i < atMost; i++) {
            var response = api.send(request);
            if (response.status() == 429) {
                assertThat(response.json().get("code").asString()).isEqualTo("rate_limited");
                assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
                assertThat(response.header("RateLimit")).contains(";r=0;");
                return i;
            }
            assertThat(response.status()).isEqualTo(200);
        }
        throw new AssertionError("never refused within " + atMost + " requests");
    }

    @Test
    void anonymousAnswersCarryTheIpPolicy() {
        var response = new Api(port).get("/api/v1/auth/csrf");
        assertThat(response.header("RateLimit-Policy")).isEqualTo("\"anonymous\";q=1000000;w=900");
        assertThat(response.header("RateLimit")).startsWith("\"anonymous\";r=");
    }

    @Test
    void aSignedInUserIsRefusedPastTheirBudget() {
        var api = new Api(port);
        api.signUpFresh("Busy");
        var first = api.get("/api/v1/me");
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"user\";q=300;w=900");
        long start = System.nanoTime();
        int answered = answeredBeforeRefusal(api, api.request("/api/v1/me").GET(), 400);
        // sign-up and verification used a few; the bucket refills 300 per 900 s (one per 3 s) while this runs
        int refilled = (int) Math.ceil((System.nanoTime() - start) / 1e9 / 3);
        assertThat(answered).isBetween(250, 299 + refilled);
        assertThat(new Api(port).get("/api/v1/auth/csrf").status()).isEqualTo(200); // others are unaffected
    }

    @Test
    void theWorkspacePlanOverridesTheUserLimit() {
        var api = new Api(port);
        api.signUpFresh("Free plan");
        // a workspace no request has touched yet (plans are cached for a minute per workspace)
        String workspace = api.post("/api/v1/workspaces", Map.of("name", "Scale plan"))
                .json()
                .get("id")
                .asString();
        Sql.asOwner(owner, c -> Sql.update(c, "update workspaces set plan = 'scale' where id = ?::uuid", workspace));
        api.put("/api/v1/me/workspace", Map.of("workspaceId", workspace));
        assertThat(api.get("/api/v1/me").header("RateLimit-Policy")).isEqualTo("\"user\";q=40;w=900");
        int answered = answeredBeforeRefusal(api, api.request("/api/v1/me").GET(), 100);
        assertThat(answered).isLessThanOrEqualTo(40);
    }

    @Test
    void anApiKeyHasItsOwnBudget() {
        var admin = new Api(port);
        admin.signUpFresh("Keyed");
        String key = admin.post("/api/v1/api-keys", Map.of("name", "busy", "scopes", List.of("read")))
                .json()
                .get("key")
                .asString();
        var client = new Api(port);
        var request = client.request("/api/v1/members")
                .header("Authorization", "Bearer " + key)
                .GET();
        assertThat(client.send(request).header("RateLimit-Policy")).isEqualTo("\"api_key\";q=60;w=900");
        assertThat(answeredBeforeRefusal(client, request, 100)).isEqualTo(59);
        assertThat(admin.get("/api/v1/members").status()).isEqualTo(200); // the creator's own budget is separate
    }

    @Test
    void refusalsAreCountedInMetrics() {
        var api = new Api(port);
        api.signUpFresh("Metered " + UUID.randomUUID());
        answeredBeforeRefusal(api, api.request("/api/v1/me").GET(), 400);
        String metrics = new Api(port).get("/actuator/prometheus").raw().body();
        assertThat(metrics).contains("crmflow_ratelimit_requests_total{bucket=\"user\",outcome=\"refused\"}");
    }
}
