package io.crmflow.email;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A mail to queue. {@code template} names {@code templates/email/mail/<template>.txt} and {@code .html}, rendered with
 * {@code model}. {@code workspaceId} says whose admins see it in the outbox (null: nobody's). Account mail (password
 * reset, verification) carries secrets: its body is never shown to anyone but the recipient's mailbox.
 */
public record OutgoingEmail(
        String to,
        String subject,
        String template,
        Map<String, Object> model,
        @Nullable UUID workspaceId,
        boolean accountMail) {

    public static OutgoingEmail accountMail(
            String to, String subject, String template, Map<String, Object> model, @Nullable UUID workspaceId) {
        return new OutgoingEmail(to, subject, template, model, workspaceId, true);
    }

    public static OutgoingEmail workspaceMail(
            String to, String subject, String template, Map<String, Object> model, UUID workspaceId) {
        return new OutgoingEmail(to, subject, template, model, workspaceId, false);
    }
}
