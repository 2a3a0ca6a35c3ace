package io.crmflow.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The API documentation's front page: conventions, and how to verify webhook signatures. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI crmflowApi() throws IOException {
        String signatures;
        try (var in = new ClassPathResource("api-docs/webhook-signatures.md").getInputStream()) {
            signatures = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenAPI().info(new Info().title("CRMFlow API").version("v1").description("""
                                JSON under `/api/v1`. Errors are `application/problem+json` with a stable `code`; \
                                lists answer `{data, nextCursor}`. Authenticate with a session cookie (send \
                                `X-XSRF-TOKEN` from `GET /api/v1/auth/csrf`) or `Authorization: Bearer crm_…`. \
                                Every answer carries `RateLimit-Policy` and `RateLimit`; POSTs accept \
                                `Idempotency-Key`.

                                """ + signatures));
    }
}
