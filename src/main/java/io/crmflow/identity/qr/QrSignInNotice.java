package io.crmflow.identity.qr;

import io.crmflow.email.EmailOutbox;
import io.crmflow.email.OutgoingEmail;
import io.crmflow.notifications.Notifications;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells the user that a desktop was signed in with their phone: an in-app notification in the chosen workspace and
 * a mail through the outbox, both in the caller's transaction (the one that audits the sign-in). Says which
 * browser, system, IP and when, and where to sign it out if it was not them.
 */
@Component
class QrSignInNotice {

    static final String KIND = "auth.signed_in_qr";
    static final String TITLE = "New sign-in with QR code";
    static final String SUBJECT = "New sign-in to CRMFlow with a QR code";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Notifications notifications;
    private final EmailOutbox outbox;
    private final String baseUrl;

    QrSignInNotice(Notifications notifications, EmailOutbox outbox, @Value("${crmflow.base-url}") String baseUrl) {
        this.notifications = notifications;
        this.outbox = outbox;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The signed-in user as the mail addresses them. */
    record Recipient(UUID id, String email, String name) {}

    void send(Recipient user, @Nullable String desktopUserAgent, @Nullable String desktopIp, Instant at) {
        String browser = UserAgents.browser(desktopUserAgent);
        String system = UserAgents.operatingSystem(desktopUserAgent);
        String ip = desktopIp == null ? "an unknown IP address" : desktopIp;
        String time = TIME.format(at.atOffset(ZoneOffset.UTC));
        notifications.notify(
                user.id(),
                KIND,
                TITLE,
                browser + " on " + system + " (IP " + ip + ") was signed in with your phone at " + time
                        + ". If it wasn't you, sign it out under Profile → Active sessions.",
                "/profile");
        outbox.queue(OutgoingEmail.accountMail(
                user.email(),
                SUBJECT,
                "qr-sign-in",
                Map.of(
                        "name", user.name(),
                        "browser", browser,
                        "operatingSystem", system,
                        "ip", ip,
                        "time", time,
                        "link", baseUrl + "/profile"),
                null));
    }
}
