package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.Views;
import io.crmflow.identity.qr.QrEventHub;
import io.crmflow.identity.qr.QrSignIn;
import io.crmflow.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * QR sign-in for desktops (create, live events, complete) and for phones as API clients (scan, approve, deny).
 * The desktop's secret travels only in an HttpOnly, SameSite=Strict cookie scoped to these endpoints.
 */
@RestController
@RequestMapping("/api/v1/auth/qr-sessions")
class QrApiController {

    static final String SECRET_COOKIE = "CRMFLOW_QR";

    private final QrSignIn qr;
    private final QrEventHub hub;
    private final Accounts accounts;
    private final SessionSignIn sessions;
    private final Duration lifetime;
    private final URI baseUrl;

    QrApiController(
            QrSignIn qr,
            QrEventHub hub,
            Accounts accounts,
            SessionSignIn sessions,
            @Value("${crmflow.qr.lifetime}") Duration lifetime,
            @Value("${crmflow.base-url}") String baseUrl) {
        this.qr = qr;
        this.hub = hub;
        this.accounts = accounts;
        this.sessions = sessions;
        this.lifetime = lifetime;
        this.baseUrl = URI.create(baseUrl);
    }

    record CreatedQr(UUID id, String qrUrl, Instant expiresAt, String qrSvg) {}

    record Approval(@Nullable Integer choice, @Nullable UUID workspaceId) {}

    /** A new QR code for this desktop; 429 after 10 a minute from one client. */
    @PostMapping
    ResponseEntity<CreatedQr> create(HttpServletRequest request) {
        var created = qr.create(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        ResponseCookie cookie = ResponseCookie.from(SECRET_COOKIE, created.desktopSecret())
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .path("/api/v1/auth/qr-sessions")
                .maxAge(lifetime.plusMinutes(1))
                .build();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .body(new CreatedQr(created.id(), created.qrUrl(), created.expiresAt(), created.qrSvg()));
    }

    /** Server-sent events for the desktop that created the session: scanned (with the number), approved, … */
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @PathVariable UUID id,
            @CookieValue(name = SECRET_COOKIE, required = false) @Nullable String secret,
            HttpServletRequest request) {
        refuseForeignOrigin(request);
        var status = qr.status(id, secret);
        return hub.connect(status);
    }

    /** The desktop turns the phone's approval into its own signed-in session. */
    @PostMapping("/{id}/complete")
    ResponseEntity<Views.Me> complete(
            @PathVariable UUID id,
            @CookieValue(name = SECRET_COOKIE, required = false) @Nullable String secret,
            HttpServletRequest request,
            HttpServletResponse response) {
        refuseForeignOrigin(request);
        CurrentUser user = qr.complete(id, secret);
        sessions.open(user, false, request, response, "qr");
        ResponseCookie cleared = ResponseCookie.from(SECRET_COOKIE, "")
                .path("/api/v1/auth/qr-sessions")
                .maxAge(0)
                .build();
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cleared.toString())
                .body(accounts.me(user));
    }

    /** The phone (signed in) opened the QR link: who is asking, and three numbers to choose from. */
    @PostMapping("/{token}/scan")
    QrSignIn.Request scan(@AuthenticationPrincipal @Nullable CurrentUser user, @PathVariable String token) {
        return qr.scan(signedIn(user).userId(), token);
    }

    @PostMapping("/{token}/approve")
    Map<String, String> approve(
            @AuthenticationPrincipal @Nullable CurrentUser user,
            @PathVariable String token,
            @RequestBody Approval body) {
        var outcome = qr.approve(signedIn(user).userId(), token, body.choice(), body.workspaceId());
        if (outcome == QrSignIn.Outcome.DENIED_WRONG_NUMBER) {
            throw ApiProblem.conflict(
                    "qr_wrong_number", "That is not the number on the desktop. The request was denied for safety.");
        }
        return Map.of("state", "APPROVED");
    }

    @PostMapping("/{token}/deny")
    Map<String, String> deny(@AuthenticationPrincipal @Nullable CurrentUser user, @PathVariable String token) {
        qr.deny(signedIn(user).userId(), token);
        return Map.of("state", "DENIED");
    }

    private static CurrentUser signedIn(@Nullable CurrentUser user) {
        if (user == null) {
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in on this device first");
        }
        return user;
    }

    /** A page of another site must not open or complete a desktop's QR session (QRLJacking defence in depth). */
    private void refuseForeignOrigin(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equals(site) || (origin != null && !sameOrigin(origin, request))) {
            throw ApiProblem.forbidden("origin_refused", "This request must come from CRMFlow's own sign-in page");
        }
    }

    private boolean sameOrigin(String origin, HttpServletRequest request) {
        String own = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443
                        ? ""
                        : ":" + request.getServerPort());
        String configured = baseUrl.getScheme() + "://" + baseUrl.getAuthority();
        return origin.equals(own) || origin.equals(configured);
    }
}
