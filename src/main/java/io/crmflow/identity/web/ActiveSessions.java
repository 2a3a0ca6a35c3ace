package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.qr.UserAgents;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Tokens;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The signed-in user's sessions on every device, from Spring Session's principal index. Sessions are named by a
 * hash of their id: the id itself is a bearer secret and never leaves the server.
 */
@Component
class ActiveSessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;
    private final AuditLog audit;

    ActiveSessions(FindByIndexNameSessionRepository<? extends Session> repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    record SessionView(
            String id,
            boolean current,
            Instant createdAt,
            Instant lastUsedAt,
            String method,
            @Nullable String ip,
            String device) {}

    List<SessionView> of(CurrentUser user, @Nullable String currentSessionId) {
        return repository.findByPrincipalName(user.getName()).values().stream()
                .map(session -> view(session, currentSessionId))
                .sorted(Comparator.comparing(SessionView::lastUsedAt).reversed())
                .toList();
    }

    /** Signs out one session of the user; 404 for anything else, including other users' sessions. */
    void revoke(CurrentUser user, String handle) {
        var target = repository.findByPrincipalName(user.getName()).values().stream()
                .filter(session -> handle(session.getId()).equals(handle))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Session"));
        repository.deleteById(target.getId());
        if (Tenancy.currentTenant().isPresent()) {
            audit.record("auth.session_revoked", "user", user.userId(), Map.of());
        }
    }

    /** Ends every session of the user except the one serving this request (after a password reset). */
    int signOutOthers(UUID userId, jakarta.servlet.http.HttpServletRequest request) {
        var current = request.getSession(false);
        String keep = current == null ? null : current.getId();
        var others = repository.findByPrincipalName(userId.toString()).keySet().stream()
                .filter(id -> !id.equals(keep))
                .toList();
        others.forEach(repository::deleteById);
        return others.size();
    }

    /** Signs out the sessions a linked device opened: one device, or (null) every device of the user. */
    void signOutDevices(CurrentUser user, @Nullable UUID device) {
        repository.findByPrincipalName(user.getName()).values().stream()
                .filter(session -> {
                    String opener = session.getAttribute(SessionSignIn.DEVICE_ATTRIBUTE);
                    return opener != null && (device == null || opener.equals(device.toString()));
                })
                .map(Session::getId)
                .toList()
                .forEach(repository::deleteById);
    }

    private static SessionView view(Session session, @Nullable String currentSessionId) {
        SessionSignIn.SignInInfo info = session.getAttribute(SessionSignIn.INFO_ATTRIBUTE);
        String agent = info == null ? null : info.userAgent();
        return new SessionView(
                handle(session.getId()),
                session.getId().equals(currentSessionId),
                session.getCreationTime(),
                session.getLastAccessedTime(),
                info == null ? "password" : info.method(),
                info == null ? null : info.ip(),
                UserAgents.describe(agent));
    }

    static String handle(String sessionId) {
        return HexFormat.of().formatHex(Tokens.sha256(sessionId), 0, 12);
    }
}
