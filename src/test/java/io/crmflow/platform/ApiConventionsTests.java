package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every endpoint shares: request ids, problem details, pagination limits, OpenAPI, health. */
@IntegrationTest
class ApiConventionsTests {

    @LocalServerPort
    int port;

    @Test
    void requestIdIsEchoedAndPutInProblems() {
        var api = new Api(port);
        var response = api.send(
                api.request("/api/v1/me").header("X-Request-Id", "trace-123").GET());
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(response.json().get("requestId").asString()).isEqualTo("trace-123");

        var generated = api.get("/api/v1/me");
        assertThat(generated.header("X-Request-Id")).hasSizeGreaterThan(10);
        var unsafe = api.send(api.request("/api/v1/me")
                .header("X-Request-Id", "bad id\twith spaces")
                .GET());
        assertThat(unsafe.header("X-Request-Id")).doesNotContain(" ");
    }

    @Test
    void listLimitsAndCursorsAreValidated() {
        var api = new Api(port);
        api.signUpFresh("Limits");
        var tooMany = api.get("/api/v1/members?limit=201");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().at("/errors/0/field").asString()).isEqualTo("limit");
        assertThat(api.get("/api/v1/members?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit-events?cursor=garbage!").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/members?limit=abc").status()).isEqualTo(400);
        var page = api.get("/api/v1/members").json();
        assertThat(page.has("data")).isTrue();
        assertThat(page.has("nextCursor")).isTrue();
    }

    @Test
    void unknownApiPathsAnswerProblemJson() {
        var api = new Api(port);
        api.signUpFresh("Unknown");
        var response = api.get("/api/v1/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("not_found");
        assertThat(api.get("/api/v1/members/not-a-uuid").status()).isIn(400, 404, 405);
    }

    @Test
    void openApiDescribesTheApi() {
        var docs = new Api(port).get("/v3/api-docs").json();
        assertThat(docs.get("openapi").asString()).startsWith("3.1");
        assertThat(docs.get("paths").has("/api/v1/auth/signup")).isTrue();
        assertThat(docs.get("paths").has("/api/v1/audit-events")).isTrue();
        for (String path : List.of(
                "/api/v1/contacts",
                "/api/v1/contacts/{id}",
                "/api/v1/companies",
                "/api/v1/custom-fields",
                "/api/v1/segments")) {
            assertThat(docs.get("paths").has(path)).as(path).isTrue();
        }
        assertThat(docs.at("/paths/~1api~1v1~1contacts/post/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("ContactInput");
        assertThat(docs.at("/components/schemas/ContactInput/properties").has("customFields"))
                .isTrue();
        assertThat(docs.at("/info/description").asString())
                .contains("How to verify webhook signatures", "openssl dgst");
        assertThat(new Api(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void healthProbesAndMetricsAreExposed() {
        var api = new Api(port);
        assertThat(api.get("/actuator/health/liveness").json().get("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").json().get("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").raw().body()).contains("jvm_memory_used_bytes");
    }
}
