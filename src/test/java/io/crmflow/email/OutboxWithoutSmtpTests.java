package io.crmflow.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.IntegrationTest;
import io.crmflow.support.MailServer;
import io.crmflow.support.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;

/** What the sending job does without an SMTP server, and when a mail keeps failing for a day. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutboxWithoutSmtpTests {

    @Autowired
    OutboxRepository outbox;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void withoutSmtpMailStaysQueuedAndIsLoggedOnceWithItsTextBody(CapturedOutput output) {
        String recipient = "local-" + UUID.randomUUID() + "@example.com";
        // not due for a day, so the real job (which has SMTP here) leaves it alone
        insert(recipient, "now() + interval '1 day'", 0);
        var sender = new OutboxSender(
                outbox, context.getBeanProvider(JavaMailSender.class), "", "", "test@example.com", Clock.systemUTC());

        sender.drain();
        sender.drain();

        String line = "Mail not sent (no SMTP configured) to " + recipient;
        assertThat(output.getOut()).contains(line).contains("open http://localhost/reset-password/abc");
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(line), -1))
                .as("logged once")
                .hasSize(2);
        assertThat(Sql.countAsOwner(
                        owner,
                        "select count(*) from email_outbox where recipient = ? and status = 'QUEUED' and attempts = 0",
                        recipient))
                .isEqualTo(1);
    }

    @Test
    void mailThatKeepsFailingForADayIsMarkedFailedWithItsLastError() {
        String recipient = "doomed-" + UUID.randomUUID() + "@example.com";
        MailServer.stop();
        try {
            insert(recipient, "now()", OutboxSender.MAX_ATTEMPTS - 1);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> Sql.countAsOwner(owner, """
                            select count(*) from email_outbox where recipient = ? and status = 'FAILED'
                              and attempts = ? and last_error is not null""", recipient, OutboxSender.MAX_ATTEMPTS) == 1);
        } finally {
            MailServer.restart();
        }
    }

    private void insert(String recipient, String nextAttempt, int attempts) {
        Sql.asOwner(owner, c -> Sql.update(c, """
                insert into email_outbox (id, kind, account_mail, recipient, subject, text_body, html_body, status,
                                          attempts, next_attempt_at, created_at)
                values (?, 'password-reset', true, ?, 'Reset', 'open http://localhost/reset-password/abc', '<p>x</p>',
                        'QUEUED', ?, %s, now())""".formatted(nextAttempt), UUID.randomUUID(), recipient, attempts));
    }
}
