package io.crmflow.email;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends queued mail over SMTP, outside any transaction: each batch is claimed in one short statement, then sent.
 * Failures are retried with exponential backoff (1, 2, 4 … minutes, at most 4 hours apart) for about a day, then the
 * row is FAILED with its last error. Without an SMTP server, mail stays QUEUED and is logged once, body included.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final int MAX_ATTEMPTS = 14;
    static final Duration MAX_BACKOFF = Duration.ofHours(4);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 20;

    private final OutboxRepository outbox;
    private final @Nullable JavaMailSender mail;
    private final String from;
    private final Clock clock;

    OutboxSender(
            OutboxRepository outbox,
            ObjectProvider<JavaMailSender> mail,
            @Value("${spring.mail.host:}") String host,
            @Value("${spring.mail.username:}") String username,
            @Value("${crmflow.mail.from}") String from,
            Clock clock) {
        this.outbox = outbox;
        this.mail = host.isBlank() ? null : mail.getIfAvailable();
        this.from = from;
        this.clock = clock;
        if (this.mail instanceof JavaMailSenderImpl impl && !username.isBlank()) {
            // credentials never travel in clear text
            impl.getJavaMailProperties().setProperty("mail.smtp.auth", "true");
            impl.getJavaMailProperties().setProperty("mail.smtp.starttls.enable", "true");
            impl.getJavaMailProperties().setProperty("mail.smtp.starttls.required", "true");
        }
        if (this.mail == null) {
            log.info("No SMTP server configured (CRMFLOW_SMTP_HOST): mail stays in the outbox and is logged");
        }
    }

    /** Sends (or, without SMTP, logs) everything due now; returns how many rows were handled. */
    int drain() {
        int handled = 0;
        List<OutboxRepository.OutboxRow> batch;
        do {
            Instant now = Instant.now(clock);
            batch = mail == null ? outbox.claimUnlogged(now, BATCH) : outbox.claimDue(now, now.plus(LEASE), BATCH);
            for (var row : batch) {
                if (mail == null) {
                    log.info(
                            "Mail not sent (no SMTP configured) to {}, subject \"{}\":\n{}",
                            row.recipient(),
                            row.subject(),
                            row.textBody());
                } else {
                    send(mail, row);
                }
            }
            handled += batch.size();
        } while (batch.size() == BATCH);
        return handled;
    }

    private void send(JavaMailSender sender, OutboxRepository.OutboxRow row) {
        try {
            var message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(row.recipient());
            helper.setSubject(row.subject());
            helper.setText(row.textBody(), row.htmlBody());
            sender.send(message);
            outbox.markSent(row.id(), Instant.now(clock));
        } catch (MailException | MessagingException e) {
            String error = abbreviate(e.getClass().getSimpleName() + ": " + e.getMessage());
            if (row.attempts() >= MAX_ATTEMPTS) {
                log.warn("Mail {} failed for good after {} attempts: {}", row.id(), row.attempts(), error);
                outbox.markFailed(row.id(), error);
            } else {
                Instant next = Instant.now(clock).plus(backoff(row.attempts()));
                log.info("Mail {} not sent (attempt {}), retrying at {}: {}", row.id(), row.attempts(), next, error);
                outbox.markRetry(row.id(), error, next);
            }
        }
    }

    /** Wait after the given number of failed attempts: 1, 2, 4 … minutes, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        long minutes = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMinutes(Math.min(minutes, MAX_BACKOFF.toMinutes()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
