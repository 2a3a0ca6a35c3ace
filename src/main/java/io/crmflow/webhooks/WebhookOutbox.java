package io.crmflow.webhooks;

import io.crmflow.platform.jobs.Jobs;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the caller's transaction: one {@code webhook_events} row (its body fixed once, so every
 * attempt and redelivery sends the same bytes and the same id), one delivery per subscribed endpoint, and a job per
 * delivery. Nothing is written when no endpoint listens.
 */
@Component
class WebhookOutbox {

    static final String JOB_KIND = "webhooks.deliver";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookRepository webhooks;
    private final Jobs jobs;
    private final Clock clock;

    WebhookOutbox(WebhookRepository webhooks, Jobs jobs, Clock clock) {
        this.webhooks = webhooks;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Records {@code type} for every enabled endpoint subscribed to it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String type, Map<String, Object> data) {
        List<WebhookRepository.EndpointRow> subscribers = webhooks.subscribers(type);
        if (subscribers.isEmpty()) {
            return;
        }
        UUID eventId = insertEvent(type, data);
        for (var endpoint : subscribers) {
            deliver(endpoint.id(), eventId);
        }
    }

    /** Records an event for one endpoint alone, whatever it subscribed to (the test event). */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID recordFor(UUID endpointId, String type, Map<String, Object> data) {
        return deliver(endpointId, insertEvent(type, data));
    }

    /** A new delivery of a recorded event, with its job. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID deliver(UUID endpointId, UUID eventId) {
        UUID id = Ids.newId();
        webhooks.insertDelivery(workspace(), id, endpointId, eventId, Instant.now(clock));
        jobs.enqueue(JOB_KIND, id.toString());
        return id;
    }

    private UUID insertEvent(String type, Map<String, Object> data) {
        UUID id = Ids.newId();
        Instant now = Instant.now(clock);
        UUID workspace = workspace();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("type", type);
        body.put("createdAt", now.toString());
        body.put("workspaceId", workspace.toString());
        body.put("data", data);
        webhooks.insertEvent(workspace, id, type, JSON.writeValueAsString(body), now);
        return id;
    }

    private static UUID workspace() {
        return Tenancy.currentTenant().orElseThrow(() -> new IllegalStateException("No workspace for a webhook event"));
    }
}
