package io.crmflow.webhooks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Webhook settings ({@code crmflow.webhooks.*}) and the HTTP client that delivers. */
@Configuration
@EnableConfigurationProperties(WebhooksConfiguration.Settings.class)
class WebhooksConfiguration {

    /**
     * @param allowPrivate allow http and private, loopback, link-local targets (development and tests only)
     * @param timeout how long one attempt may take
     * @param retryDelays the wait before each retry; one attempt more than there are delays
     * @param disableAfter deliveries in a row that failed every attempt before the endpoint is disabled
     */
    @ConfigurationProperties("crmflow.webhooks")
    record Settings(boolean allowPrivate, Duration timeout, List<Duration> retryDelays, int disableAfter) {}

    @Bean
    UrlGuard webhookUrlGuard(Settings settings) {
        return new UrlGuard(settings.allowPrivate());
    }

    @Bean
    HttpClient webhookHttpClient(@Value("${crmflow.webhooks.timeout}") Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
