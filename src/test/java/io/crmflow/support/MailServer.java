package io.crmflow.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real SMTP server (GreenMail) per test JVM on a port fixed at class load, which the one shared Spring context
 * is pointed at through {@link Initializer}. Tests find their mail by its (unique) recipient.
 */
public final class MailServer {

    public static final int PORT = freePort();
    private static GreenMail server = start();

    private MailServer() {}

    /** Points the app's SMTP settings at this server (registered on {@link IntegrationTest}). */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("CRMFLOW_SMTP_HOST=127.0.0.1", "CRMFLOW_SMTP_PORT=" + PORT)
                    .applyTo(context);
        }
    }

    /** A mail that arrived. */
    public record Mail(String to, String subject, String text, String html) {

        /** The token in the first link to {@code /<path>/<token>}. */
        public String token(String path) {
            var matcher = Pattern.compile("/" + path + "/([A-Za-z0-9_-]+)").matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no /" + path + "/ link in: " + text);
            }
            return matcher.group(1);
        }
    }

    /** Waits (up to 15 s) for mail to this recipient whose subject contains the given text. */
    public static Mail await(String to, String subjectPart) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> find(to, subjectPart), found -> !found.isEmpty())
                .getLast();
    }

    /** Waits (up to 15 s) until this many such mails arrived; returns them, oldest first. */
    public static List<Mail> awaitCount(String to, String subjectPart, int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> find(to, subjectPart), found -> found.size() >= count);
    }

    /** Every mail received so far for this recipient with this subject part. */
    public static List<Mail> find(String to, String subjectPart) {
        return Arrays.stream(server.getReceivedMessages())
                .map(MailServer::read)
                .filter(m -> m.to().equalsIgnoreCase(to) && m.subject().contains(subjectPart))
                .toList();
    }

    /** Stops the server: sending fails until {@link #restart}. */
    public static synchronized void stop() {
        server.stop();
    }

    public static synchronized void restart() {
        server = start();
    }

    private static GreenMail start() {
        var greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static Mail read(MimeMessage message) {
        try {
            return new Mail(
                    message.getRecipients(Message.RecipientType.TO)[0].toString(),
                    message.getSubject(),
                    part(message, "text/plain"),
                    part(message, "text/html"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
