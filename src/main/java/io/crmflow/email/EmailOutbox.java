package io.crmflow.email;

import io.crmflow.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The one way to send mail. {@link #queue} writes the rendered mail into the outbox in the caller's transaction, so
 * the mail exists exactly when its cause committed; a job sends it later, never inside a request's transaction.
 */
@Service
public class EmailOutbox {

    private final OutboxRepository outbox;
    private final ITemplateEngine templates;
    private final Clock clock;

    EmailOutbox(OutboxRepository outbox, EmailTemplates templates, Clock clock) {
        this.outbox = outbox;
        this.templates = templates.engine();
        this.clock = clock;
    }

    /** A mail rendered from its templates. */
    public record Rendered(String text, String html) {}

    /** Renders and queues a mail in the current transaction; returns its outbox id. */
    @Transactional
    public UUID queue(OutgoingEmail email) {
        Rendered rendered = render(email);
        UUID id = Ids.newId();
        Instant now = Instant.now(clock);
        outbox.insert(id, email, rendered, now);
        return id;
    }

    /** Renders without queueing: the same work as {@link #queue}, for answers that must not reveal which it was. */
    public Rendered render(OutgoingEmail email) {
        var context = new Context();
        context.setVariables(email.model());
        return new Rendered(
                templates.process(email.template() + ".txt", context),
                templates.process(email.template() + ".html", context));
    }
}
