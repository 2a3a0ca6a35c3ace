package io.crmflow.webhooks;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.shared.Ids;
import io.crmflow.shared.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current workspace's webhook endpoints, for its OWNERs and ADMINs (the web layer checks the role). The secret is
 * shown at creation and rotation only; after a rotation the previous one keeps signing for {@link #OVERLAP}.
 */
@Service
public class Webhooks {

    static final Duration OVERLAP = Duration.ofHours(24);

    private final WebhookRepository webhooks;
    private final WebhookOutbox outbox;
    private final UrlGuard guard;
    private final AuditLog audit;
    private final Clock clock;

    Webhooks(WebhookRepository webhooks, WebhookOutbox outbox, UrlGuard guard, AuditLog audit, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    /** An endpoint as asked for (create), or the fields to change (PATCH: null leaves a field as it is). */
    public record WebhookInput(
            @Nullable String url,
            @Nullable List<String> events,
            @Nullable Boolean enabled) {}

    /** The answer to creation: the only time {@code secret} is shown (and to rotation). */
    public record CreatedWebhook(UUID id, String url, List<String> events, boolean enabled, String secret) {}

    /** An endpoint as listed; never its secret. */
    public record WebhookView(
            UUID id,
            String url,
            List<String> events,
            boolean enabled,
            @Nullable String disabledReason,
            @Nullable Instant previousSecretValidUntil,
            Instant createdAt) {}

    /** One delivery of one event to the endpoint, with its latest attempt. */
    public record DeliveryView(
            UUID id,
            UUID eventId,
            String eventType,
            String status,
            int attempt,
            @Nullable Integer responseCode,
            @Nullable Long latencyMs,
            @Nullable String error,
            @Nullable Instant nextAttemptAt,
            Instant createdAt,
            @Nullable Instant finishedAt) {}

    /** The new secret after a rotation, shown once. */
    public record RotatedSecret(UUID id, String secret, Instant previousSecretValidUntil) {}

    @Transactional
    public CreatedWebhook create(WebhookInput input) {
        String url = checkUrl(input.url());
        List<String> events = checkEvents(input.events());
        boolean enabled = input.enabled() == null || input.enabled();
        UUID workspace = Tenancy.currentTenant()
                .orElseThrow(() -> ApiProblem.forbidden("forbidden", "Your role does not allow this action"));
        UUID id = Ids.newId();
        String secret = newSecret();
        webhooks.insertEndpoint(workspace, id, url, events, enabled, secret, Instant.now(clock));
        audit.record(
                "webhook.created",
                "webhook",
                id,
                AuditLog.created(Map.of("url", url, "events", events, "enabled", enabled)));
        return new CreatedWebhook(id, url, events, enabled, secret);
    }

    @Transactional(readOnly = true)
    public CursorPage<WebhookView> list(@Nullable Cursor cursor, int limit) {
        var rows =
                webhooks.endpoints(cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
        return CursorPage.of(rows, limit, r -> new Cursor(r.createdAt(), r.id()))
                .map(this::view);
    }

    @Transactional(readOnly = true)
    public WebhookView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public WebhookView update(UUID id, WebhookInput input) {
        var before = find(id);
        String url = input.url() == null ? before.url() : checkUrl(input.url());
        List<String> events = input.events() == null ? before.events() : checkEvents(input.events());
        boolean enabled = input.enabled() == null ? before.enabled() : input.enabled();
        webhooks.updateEndpoint(id, url, events, enabled);
        audit.record(
                "webhook.updated",
                "webhook",
                id,
                AuditLog.diff(
                        Map.of("url", before.url(), "events", before.events(), "enabled", before.enabled()),
                        Map.of("url", url, "events", events, "enabled", enabled)));
        return view(find(id));
    }

    @Transactional
    public void delete(UUID id) {
        var endpoint = find(id);
        webhooks.deleteEndpoint(id);
        audit.record("webhook.deleted", "webhook", id, AuditLog.diff(Map.of("url", endpoint.url()), Map.of()));
    }

    /** A new secret; the current one keeps signing (a second {@code v1=}) for 24 hours. */
    @Transactional
    public RotatedSecret rotateSecret(UUID id) {
        var endpoint = webhooks.lockEndpoint(id).orElseThrow(() -> ApiProblem.notFound("Webhook"));
        String secret = newSecret();
        Instant until = Instant.now(clock).plus(OVERLAP);
        webhooks.rotate(id, secret, endpoint.secret(), until);
        audit.record("webhook.secret_rotated", "webhook", id, Map.of());
        return new RotatedSecret(id, secret, until);
    }

    /** Queues a {@code webhook.test} event to this endpoint alone; returns the delivery. */
    @Transactional
    public DeliveryView sendTest(UUID id) {
        var endpoint = find(id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhookId", endpoint.id().toString());
        data.put("message", "This is a test event from CRMFlow.");
        UUID delivery = outbox.recordFor(endpoint.id(), EventTypes.TEST, data);
        return view(webhooks.delivery(delivery).orElseThrow());
    }

    @Transactional(readOnly = true)
    public CursorPage<DeliveryView> deliveries(UUID id, @Nullable Cursor cursor, int limit) {
        find(id);
        var rows = webhooks.deliveries(
                id, cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
        return CursorPage.of(rows, limit, r -> new Cursor(r.createdAt(), r.id()))
                .map(Webhooks::view);
    }

    /** Delivers the same event (same id) again, as a new delivery with its own attempts. */
    @Transactional
    public DeliveryView redeliver(UUID id, UUID deliveryId) {
        find(id);
        var delivery = webhooks.delivery(deliveryId)
                .filter(d -> d.endpointId().equals(id))
                .orElseThrow(() -> ApiProblem.notFound("Delivery"));
        UUID again = outbox.deliver(id, delivery.eventId());
        audit.record("webhook.redelivered", "webhook", id, AuditLog.created(Map.of("eventId", delivery.eventId())));
        return view(webhooks.delivery(again).orElseThrow());
    }

    private WebhookRepository.EndpointRow find(UUID id) {
        return webhooks.endpoint(id).orElseThrow(() -> ApiProblem.notFound("Webhook"));
    }

    private String checkUrl(@Nullable String url) {
        String refusal = guard.refusal(url);
        if (refusal != null) {
            throw ApiProblem.invalid("url", refusal);
        }
        return url.strip();
    }

    private static List<String> checkEvents(@Nullable List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiProblem.invalid("events", "must name at least one of " + String.join(", ", EventTypes.ALL));
        }
        for (String event : events) {
            if (!EventTypes.ALL.contains(event)) {
                throw ApiProblem.invalid("events", "unknown event type " + event + "; known: " + EventTypes.ALL);
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private static String newSecret() {
        return "whsec_" + Tokens.newToken();
    }

    private WebhookView view(WebhookRepository.EndpointRow row) {
        Instant until = row.previousSecretExpiresAt();
        return new WebhookView(
                row.id(),
                row.url(),
                row.events(),
                row.enabled(),
                row.disabledReason(),
                until != null && until.isAfter(Instant.now(clock)) ? until : null,
                row.createdAt());
    }

    static DeliveryView view(WebhookRepository.DeliveryRow row) {
        return new DeliveryView(
                row.id(),
                row.eventId(),
                row.eventType(),
                row.status(),
                row.attempts(),
                row.responseCode(),
                row.latencyMs(),
                row.error(),
                row.nextAttemptAt(),
                row.createdAt(),
                row.finishedAt());
    }
}
