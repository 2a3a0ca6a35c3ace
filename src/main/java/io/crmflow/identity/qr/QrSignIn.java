package io.crmflow.identity.qr;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.Views;
import io.crmflow.identity.Workspaces;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.notify.PgNotifications;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import io.crmflow.shared.QrSvg;
import io.crmflow.shared.Tokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * QR sign-in. A desktop creates a session and shows its token as a QR code; a signed-in phone scans it (the
 * desktop then shows a two-digit number), picks that number among three and so approves; the desktop, holding the
 * secret cookie that only it received, completes the sign-in. Every transition is one conditional UPDATE; every
 * change is announced to all nodes with NOTIFY (the session id only).
 */
@Service
public class QrSignIn {

    static final String CHANNEL = "qr_events";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final QrSessionRepository sessions;
    private final QrRateLimiter rateLimiter;
    private final Workspaces workspaces;
    private final PgNotifications notifications;
    private final AuditLog audit;
    private final QrSignInNotice notice;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration lifetime;
    private final String baseUrl;

    QrSignIn(
            QrSessionRepository sessions,
            QrRateLimiter rateLimiter,
            Workspaces workspaces,
            PgNotifications notifications,
            AuditLog audit,
            QrSignInNotice notice,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${crmflow.qr.lifetime}") Duration lifetime,
            @Value("${crmflow.base-url}") String baseUrl) {
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.workspaces = workspaces;
        this.notifications = notifications;
        this.audit = audit;
        this.notice = notice;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetime = lifetime;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** A new QR session; {@code desktopSecret} goes into an HttpOnly cookie of the desktop only. */
    public record Created(UUID id, String qrUrl, Instant expiresAt, String qrSvg, String desktopSecret) {}

    /** What the desktop may know: the state, and the number to look for once scanned. */
    public record Status(UUID id, QrState state, @Nullable Integer matchNumber, Instant expiresAt) {}

    /** What the phone shows before approving: who asks, and the three numbers to pick from. */
    public record Request(
            QrState state,
            List<Integer> choices,
            String browser,
            String operatingSystem,
            @Nullable String ip,
            String place,
            Instant requestedAt,
            Instant expiresAt,
            List<Views.WorkspaceMembership> workspaces) {}

    public enum Outcome {
        APPROVED,
        DENIED_WRONG_NUMBER
    }

    @Transactional
    public Created create(String ip, @Nullable String userAgent) {
        rateLimiter.check(ip);
        String token = Tokens.newToken();
        String secret = Tokens.newToken();
        UUID id = Ids.newId();
        Instant now = Instant.now(clock);
        Instant expires = now.plus(lifetime);
        sessions.insert(id, Tokens.sha256(token), Tokens.sha256(secret), now, expires, ip, truncate(userAgent));
        String url = baseUrl + "/qr/" + token;
        return new Created(id, url, expires, QrSvg.of(url, "QR code to sign in with your phone"), secret);
    }

    /** The desktop's view of its session; 404 unless the caller holds the session's secret. */
    @Transactional(readOnly = true)
    public Status status(UUID id, @Nullable String desktopSecret) {
        if (desktopSecret == null || !sessions.desktopSecretMatches(id, Tokens.sha256(desktopSecret))) {
            throw ApiProblem.notFound("QR session");
        }
        return statusOf(id);
    }

    /** For pushing to a desktop that already proved it holds the secret. */
    @Transactional(readOnly = true)
    public Status statusOf(UUID id) {
        var row = sessions.findById(id).orElseThrow(() -> ApiProblem.notFound("QR session"));
        QrState state = row.effectiveState(Instant.now(clock));
        return new Status(id, state, state == QrState.SCANNED ? row.matchNumber() : null, row.expiresAt());
    }

    /** The phone opens the QR link: PENDING → SCANNED for this user (opening it again is fine for the same user). */
    @Transactional
    public Request scan(UUID userId, String token) {
        var row = open(token);
        Instant now = Instant.now(clock);
        QrState state = row.effectiveState(now);
        if (state == QrState.PENDING) {
            int match = 10 + RANDOM.nextInt(90);
            List<Integer> choices = choicesAround(match);
            if (!sessions.markScanned(row.id(), userId, match, choices.toArray(Integer[]::new), now)) {
                throw ApiProblem.conflict("qr_already_scanned", "This QR code was just scanned by another device");
            }
            notifications.publish(CHANNEL, row.id().toString());
            row = sessions.findById(row.id()).orElseThrow();
        } else {
            refuseUnlessScannedBy(row, state, userId);
        }
        return new Request(
                QrState.SCANNED,
                row.choices(),
                UserAgents.browser(row.requesterUserAgent()),
                UserAgents.operatingSystem(row.requesterUserAgent()),
                row.requesterIp(),
                "Unknown (no location service configured)",
                row.createdAt(),
                row.expiresAt(),
                workspaces.of(userId));
    }

    /**
     * The phone picks a number: the right one approves for the chosen workspace (SCANNED → APPROVED); a wrong one
     * denies and burns the code. Returns which happened; the caller reports a denial after this commits.
     */
    @Transactional
    public Outcome approve(UUID userId, String token, @Nullable Integer choice, @Nullable UUID workspaceId) {
        var row = open(token);
        refuseUnlessScannedBy(row, row.effectiveState(Instant.now(clock)), userId);
        if (choice == null || !choice.equals(row.matchNumber())) {
            sessions.deny(row.id(), userId, "wrong_number");
            notifications.publish(CHANNEL, row.id().toString());
            audit.record(
                    "auth.qr_denied",
                    "qr_session",
                    row.id(),
                    Map.of("reason", new AuditLog.Change(null, "wrong_number")));
            return Outcome.DENIED_WRONG_NUMBER;
        }
        UUID workspace = chooseWorkspace(userId, workspaceId);
        if (!sessions.approve(row.id(), userId, workspace, Instant.now(clock))) {
            throw ApiProblem.conflict("qr_used", "This QR code can no longer be approved");
        }
        notifications.publish(CHANNEL, row.id().toString());
        return Outcome.APPROVED;
    }

    @Transactional
    public void deny(UUID userId, String token) {
        var row = open(token);
        refuseUnlessScannedBy(row, row.effectiveState(Instant.now(clock)), userId);
        if (!sessions.deny(row.id(), userId, "denied_by_user")) {
            throw ApiProblem.conflict("qr_used", "This QR code can no longer be denied");
        }
        notifications.publish(CHANNEL, row.id().toString());
        audit.record(
                "auth.qr_denied",
                "qr_session",
                row.id(),
                Map.of("reason", new AuditLog.Change(null, "denied_by_user")));
    }

    /**
     * The desktop, holding the secret, turns an approval into a sign-in, once. The sign-in is audited in the chosen
     * workspace and the user is told (in-app notification and mail) in that same transaction.
     */
    public CurrentUser complete(UUID id, @Nullable String desktopSecret) {
        var row = Tenancy.callAs(null, null, () -> transactions.execute(status -> consume(id, desktopSecret)));
        UUID userId = row.scannedBy();
        UUID workspace = row.workspaceId();
        var user = jdbc.sql("select id, email, name from users where id = ?")
                .param(userId)
                .query(QrSignInNotice.Recipient.class)
                .single();
        Instant now = Instant.now(clock);
        Tenancy.runAs(
                workspace,
                userId,
                () -> transactions.executeWithoutResult(status -> {
                    audit.recordBy(
                            userId,
                            "auth.signed_in_qr",
                            "user",
                            userId,
                            Map.of(
                                    "desktopIp",
                                    new AuditLog.Change(null, row.requesterIp()),
                                    "desktopBrowser",
                                    new AuditLog.Change(null, UserAgents.describe(row.requesterUserAgent()))));
                    notice.send(user, row.requesterUserAgent(), row.requesterIp(), now);
                }));
        return new CurrentUser(userId, user.email(), workspace);
    }

    private QrSessionRepository.QrRow consume(UUID id, @Nullable String desktopSecret) {
        if (desktopSecret == null || !sessions.desktopSecretMatches(id, Tokens.sha256(desktopSecret))) {
            throw ApiProblem.notFound("QR session");
        }
        var consumed = sessions.consume(id, Tokens.sha256(desktopSecret), Instant.now(clock));
        if (consumed.isEmpty()) {
            QrState state = sessions.findById(id).orElseThrow().effectiveState(Instant.now(clock));
            throw ApiProblem.conflict(
                    "qr_not_approved",
                    state == QrState.CONSUMED
                            ? "This QR sign-in was already completed"
                            : "This QR sign-in is " + state.name().toLowerCase() + ", not approved");
        }
        notifications.publish(CHANNEL, id.toString());
        return consumed.get();
    }

    /** Forgets sessions that expired more than a day ago (hourly, by the {@code qr-sessions-purge} task). */
    @Transactional
    public int purgeExpired() {
        return sessions.deleteOlderThan(Instant.now(clock).minus(Duration.ofDays(1)));
    }

    private QrSessionRepository.QrRow open(String token) {
        return sessions.findByToken(Tokens.sha256(token))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "qr_not_found", "This QR code is not valid"));
    }

    private static void refuseUnlessScannedBy(QrSessionRepository.QrRow row, QrState state, UUID userId) {
        switch (state) {
            case EXPIRED ->
                throw ApiProblem.of(
                        HttpStatus.GONE,
                        "qr_expired",
                        "This QR code has expired. Refresh the sign-in page on the desktop.");
            case PENDING -> throw ApiProblem.conflict("qr_not_scanned", "Open the QR link on your phone first");
            case SCANNED -> {
                if (!userId.equals(row.scannedBy())) {
                    throw ApiProblem.conflict("qr_already_scanned", "This QR code was scanned by another account");
                }
            }
            case DENIED -> throw ApiProblem.conflict("qr_denied", "This sign-in request was denied; its code is burnt");
            default -> throw ApiProblem.conflict("qr_used", "This QR code was already used");
        }
    }

    private UUID chooseWorkspace(UUID userId, @Nullable UUID requested) {
        var mine = workspaces.of(userId);
        if (mine.isEmpty()) {
            throw ApiProblem.conflict("no_workspace", "You are not a member of any workspace");
        }
        UUID chosen = requested != null
                ? requested
                : (mine.size() == 1 ? mine.getFirst().id() : null);
        if (chosen == null) {
            throw ApiProblem.invalid("workspaceId", "choose which workspace the desktop opens");
        }
        if (mine.stream().noneMatch(w -> w.id().equals(chosen))) {
            throw ApiProblem.notFound("Workspace");
        }
        Boolean enabled = jdbc.sql("select qr_sign_in_enabled from workspaces where id = ?")
                .param(chosen)
                .query(Boolean.class)
                .single();
        if (!enabled) {
            throw ApiProblem.forbidden("qr_disabled", "QR sign-in is turned off in this workspace");
        }
        return chosen;
    }

    private static List<Integer> choicesAround(int match) {
        List<Integer> choices = new ArrayList<>(List.of(match));
        while (choices.size() < 3) {
            int other = 10 + RANDOM.nextInt(90);
            if (!choices.contains(other)) {
                choices.add(other);
            }
        }
        Collections.shuffle(choices, RANDOM);
        return choices;
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 400 ? value : value.substring(0, 400);
    }
}
