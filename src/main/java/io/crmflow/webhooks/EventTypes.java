package io.crmflow.webhooks;

import java.util.List;

/**
 * The event types an endpoint may subscribe to. A module that emits events adds its types here and maps its
 * module event in {@link WebhookEventListener}.
 */
final class EventTypes {

    static final String TEST = "webhook.test";

    static final List<String> ALL = List.of(
            TEST,
            "member.created",
            "member.updated",
            "member.deleted",
            "invitation.created",
            "contact.created",
            "contact.updated",
            "contact.deleted",
            "contact.merged",
            "company.created",
            "company.updated",
            "company.deleted",
            "company.merged");

    private EventTypes() {}
}
