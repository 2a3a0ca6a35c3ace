package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A browser sign-in between the password and the second factor. Kept in the HTTP session as a plain attribute, not
 * as a security context: the user is not signed in until {@link SessionSignIn#open} runs after the code. Expires
 * after 5 minutes.
 */
@Component
class PendingSignIns {

    static final String ATTRIBUTE = "crmflow.pendingSignIn";
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;

    PendingSignIns(Clock clock) {
        this.clock = clock;
    }

    record PendingSignIn(Accounts.PasswordChecked checked, boolean rememberMe, Instant expiresAt)
            implements Serializable {}

    void remember(HttpServletRequest request, Accounts.PasswordChecked checked, boolean rememberMe) {
        request.getSession(true)
                .setAttribute(
                        ATTRIBUTE,
                        new PendingSignIn(
                                checked, rememberMe, Instant.now(clock).plus(LIFETIME)));
    }

    /** The pending sign-in of this browser, unless there is none or it expired (then it is dropped). */
    Optional<PendingSignIn> find(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending)) {
            return Optional.empty();
        }
        if (!Instant.now(clock).isBefore(pending.expiresAt())) {
            session.removeAttribute(ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    void forget(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
