package io.crmflow.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** A user's sessions across every node (they live in PostgreSQL), found by principal name: the user id. */
@Component
class UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Ends every session of the user except the one serving this request; returns how many ended. */
    int signOutOthers(UUID userId, HttpServletRequest request) {
        var current = request.getSession(false);
        String keep = current == null ? null : current.getId();
        int ended = 0;
        for (String id : sessions.findByPrincipalName(userId.toString()).keySet()) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }
}
