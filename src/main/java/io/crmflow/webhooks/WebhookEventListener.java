package io.crmflow.webhooks;

import io.crmflow.identity.MemberEvent;
import io.crmflow.records.RecordChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into webhook events. Plain {@link EventListener}s, so they run in the publisher's
 * transaction and the event rows commit (or roll back) with the change itself.
 */
@Component
class WebhookEventListener {

    private final WebhookOutbox outbox;

    WebhookEventListener(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(MemberEvent event) {
        switch (event) {
            case MemberEvent.MemberCreated e ->
                outbox.record(
                        "member.created",
                        member(e.userId(), e.email(), e.name(), e.role().name()));
            case MemberEvent.MemberUpdated e -> {
                var data = member(e.userId(), e.email(), e.name(), e.role().name());
                data.put("previousRole", e.previousRole().name());
                outbox.record("member.updated", data);
            }
            case MemberEvent.MemberDeleted e ->
                outbox.record(
                        "member.deleted",
                        member(e.userId(), e.email(), e.name(), e.role().name()));
            case MemberEvent.InvitationCreated e -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("id", e.id().toString());
                data.put("email", e.email());
                data.put("role", e.role().name());
                data.put("expiresAt", e.expiresAt().toString());
                outbox.record("invitation.created", data);
            }
        }
    }

    /** Contacts and companies: the record as the API shows it. */
    @EventListener
    void on(RecordChanged event) {
        outbox.record(event.type(), event.data());
    }

    private static Map<String, Object> member(Object userId, String email, String name, String role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId.toString());
        data.put("email", email);
        data.put("name", name);
        data.put("role", role);
        return data;
    }
}
