package io.crmflow.webhooks;

import io.crmflow.email.EmailOutbox;
import io.crmflow.email.OutgoingEmail;
import io.crmflow.identity.Members;
import io.crmflow.identity.Role;
import io.crmflow.platform.jobs.JobHandler;
import io.crmflow.platform.jobs.Jobs;
import io.crmflow.platform.tenancy.Tenancy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of one delivery (job kind {@value WebhookOutbox#JOB_KIND}, payload = delivery id). The POST runs outside
 * any transaction; its outcome is written in one. A failure schedules the next attempt as a new delayed job after the
 * delivery's own delay ({@code crmflow.webhooks.retry-delays}); the job itself never fails, so the platform's retry
 * does not double up. A node that dies mid-attempt leaves the delivery PENDING and its job to db-scheduler's
 * dead-execution detection, which runs it again: at least once, with the same event id.
 */
@Component
class DeliveryJob implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJob.class);

    private final WebhookRepository webhooks;
    private final UrlGuard guard;
    private final HttpClient http;
    private final ObjectProvider<Jobs> jobs; // lazily: Jobs needs every JobHandler, this one included
    private final Members members;
    private final EmailOutbox mail;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WebhooksConfiguration.Settings settings;
    private final String baseUrl;

    DeliveryJob(
            WebhookRepository webhooks,
            UrlGuard guard,
            HttpClient webhookHttpClient,
            ObjectProvider<Jobs> jobs,
            Members members,
            EmailOutbox mail,
            PlatformTransactionManager transactions,
            Clock clock,
            WebhooksConfiguration.Settings settings,
            @Value("${crmflow.base-url}") String baseUrl) {
        this.webhooks = webhooks;
        this.guard = guard;
        this.http = webhookHttpClient;
        this.jobs = jobs;
        this.members = members;
        this.mail = mail;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.settings = settings;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public String kind() {
        return WebhookOutbox.JOB_KIND;
    }

    /** What one attempt sends, read before the call. */
    record Attempt(
            WebhookRepository.DeliveryRow delivery, WebhookRepository.EndpointRow endpoint, List<String> secrets) {}

    /** What came of it. */
    record Outcome(
            @Nullable Integer code,
            long latencyMs,
            @Nullable String error) {
        boolean succeeded() {
            return error == null && code != null && code >= 200 && code < 300;
        }
    }

    @Override
    public void handle(String payload) {
        UUID id = UUID.fromString(payload);
        Attempt attempt = tx.execute(status -> prepare(id));
        if (attempt == null) {
            return; // delivered already, or the endpoint is gone
        }
        Outcome outcome = send(attempt);
        tx.executeWithoutResult(status -> record(attempt, outcome));
    }

    private @Nullable Attempt prepare(UUID id) {
        var delivery = webhooks.lockDelivery(id).orElse(null);
        if (delivery == null || !delivery.status().equals("PENDING")) {
            return null;
        }
        var endpoint = webhooks.endpoint(delivery.endpointId()).orElse(null);
        if (endpoint == null) {
            return null;
        }
        List<String> secrets = new ArrayList<>(List.of(endpoint.secret()));
        Instant now = Instant.now(clock);
        if (endpoint.previousSecret() != null
                && endpoint.previousSecretExpiresAt() != null
                && endpoint.previousSecretExpiresAt().isAfter(now)) {
            secrets.add(endpoint.previousSecret());
        }
        return new Attempt(delivery, endpoint, secrets);
    }

    private Outcome send(Attempt attempt) {
        if (!attempt.endpoint().enabled() && !attempt.delivery().eventType().equals(EventTypes.TEST)) {
            return new Outcome(null, 0, "endpoint disabled");
        }
        String refusal = guard.refusal(attempt.endpoint().url()); // again: DNS may have changed since registration
        if (refusal != null) {
            return new Outcome(null, 0, "url " + refusal);
        }
        String body = attempt.delivery().body();
        long started = System.nanoTime();
        try {
            var request = HttpRequest.newBuilder(URI.create(attempt.endpoint().url()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "CRMFlow-Webhooks/1")
                    .header("CRMFlow-Event-Id", attempt.delivery().eventId().toString())
                    .header("CRMFlow-Event-Type", attempt.delivery().eventType())
                    .header(
                            Signatures.HEADER,
                            Signatures.header(Instant.now(clock).getEpochSecond(), body, attempt.secrets()))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long latency = (System.nanoTime() - started) / 1_000_000;
            int code = response.statusCode();
            return new Outcome(code, latency, code >= 200 && code < 300 ? null : "HTTP " + code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, (System.nanoTime() - started) / 1_000_000, "interrupted");
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(null, (System.nanoTime() - started) / 1_000_000, message);
        }
    }

    private void record(Attempt attempt, Outcome outcome) {
        var delivery = webhooks.lockDelivery(attempt.delivery().id()).orElse(null);
        if (delivery == null || !delivery.status().equals("PENDING")) {
            return;
        }
        int attempts = delivery.attempts() + 1;
        Instant now = Instant.now(clock);
        UUID endpointId = delivery.endpointId();
        if (outcome.succeeded()) {
            webhooks.recordAttempt(
                    delivery.id(), "SUCCEEDED", attempts, outcome.code(), outcome.latencyMs(), null, null, now);
            webhooks.countFailure(endpointId, false);
            return;
        }
        boolean retry = attempts <= settings.retryDelays().size() && !"endpoint disabled".equals(outcome.error());
        if (retry) {
            Instant next = now.plus(settings.retryDelays().get(attempts - 1));
            webhooks.recordAttempt(
                    delivery.id(),
                    "PENDING",
                    attempts,
                    outcome.code(),
                    outcome.latencyMs(),
                    outcome.error(),
                    next,
                    null);
            jobs.getObject().schedule(WebhookOutbox.JOB_KIND, delivery.id().toString(), next);
            return;
        }
        webhooks.recordAttempt(
                delivery.id(), "FAILED", attempts, outcome.code(), outcome.latencyMs(), outcome.error(), null, now);
        int inARow = webhooks.countFailure(endpointId, true);
        if (inARow >= settings.disableAfter() && attempt.endpoint().enabled()) {
            disable(attempt.endpoint(), inARow);
        }
    }

    private void disable(WebhookRepository.EndpointRow endpoint, int inARow) {
        String reason = inARow + " deliveries in a row failed every attempt";
        webhooks.disable(endpoint.id(), reason);
        UUID workspace = Tenancy.currentTenant().orElseThrow();
        log.warn("Webhook {} of workspace {} disabled: {}", endpoint.id(), workspace, reason);
        for (var member : members.list(null, 500).data()) {
            if (member.role() == Role.OWNER || member.role() == Role.ADMIN) {
                mail.queue(OutgoingEmail.workspaceMail(
                        member.email(),
                        "A webhook was disabled after repeated failures",
                        "webhook-disabled",
                        Map.of("url", endpoint.url(), "reason", reason, "link", baseUrl + "/settings/webhooks"),
                        workspace));
            }
        }
    }
}
