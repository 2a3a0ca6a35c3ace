package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.logout.CookieClearingLogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.session.security.web.authentication.SpringSessionRememberMeServices;
import org.springframework.stereotype.Component;

/** Opens and closes browser sessions: the one place that turns a checked sign-in into a session. */
@Component
class SessionSignIn {

    private final SessionAuthenticationStrategy sessionStrategy;
    private final SecurityContextRepository contexts;
    private final int rememberMeSeconds;

    SessionSignIn(
            SessionAuthenticationStrategy sessionStrategy,
            SecurityContextRepository contexts,
            @Value("${crmflow.security.remember-me-days}") int rememberMeDays) {
        this.sessionStrategy = sessionStrategy;
        this.contexts = contexts;
        this.rememberMeSeconds = rememberMeDays * 24 * 3600;
    }

    /** How and from where a session was opened, shown in the user's list of active sessions. */
    record SignInInfo(String method, String ip, String userAgent, Instant at) implements Serializable {}

    static final String INFO_ATTRIBUTE = "crmflow.signIn";
    static final String DEVICE_ATTRIBUTE = "crmflow.deviceId";

    /** New session id, new CSRF token, principal stored in the session; long-lived if asked to remember. */
    void open(
            CurrentUser user,
            boolean rememberMe,
            HttpServletRequest request,
            HttpServletResponse response,
            String method) {
        open(user, rememberMe, request, response, method, null);
    }

    /** As above, for a session a linked device opened: revoking the device signs it out. */
    void open(
            CurrentUser user,
            boolean rememberMe,
            HttpServletRequest request,
            HttpServletResponse response,
            String method,
            @Nullable UUID device) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        request.getSession(true);
        sessionStrategy.onAuthentication(authentication, request, response);
        var context = new SecurityContextImpl(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        String agent = request.getHeader("User-Agent");
        request.getSession()
                .setAttribute(
                        INFO_ATTRIBUTE,
                        new SignInInfo(
                                method,
                                request.getRemoteAddr(),
                                agent == null ? "" : agent.substring(0, Math.min(agent.length(), 400)),
                                Instant.now()));
        if (device != null) {
            request.getSession().setAttribute(DEVICE_ATTRIBUTE, device.toString());
        }
        if (rememberMe) {
            request.getSession().setMaxInactiveInterval(rememberMeSeconds);
            request.setAttribute(SpringSessionRememberMeServices.REMEMBER_ME_LOGIN_ATTR, true);
        }
        // issue the new CSRF token now, so the client has it without another round trip
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }

    /** Switches the session to another workspace the user belongs to. */
    void moveTo(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        var context = new SecurityContextImpl(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    void close(HttpServletRequest request, HttpServletResponse response) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        new SecurityContextLogoutHandler().logout(request, response, authentication);
        new CookieClearingLogoutHandler(SecurityConfiguration.SESSION_COOKIE, "XSRF-TOKEN")
                .logout(request, response, authentication);
    }
}
