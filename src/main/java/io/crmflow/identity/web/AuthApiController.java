package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.EmailVerification;
import io.crmflow.identity.PasswordReset;
import io.crmflow.identity.Views;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, sign-in and sign-out for API clients and scripts using cookie sessions. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthApiController {

    private final Accounts accounts;
    private final SessionSignIn sessions;
    private final EmailVerification verification;
    private final PasswordReset reset;
    private final ActiveSessions userSessions;

    AuthApiController(
            Accounts accounts,
            SessionSignIn sessions,
            EmailVerification verification,
            PasswordReset reset,
            ActiveSessions userSessions) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.verification = verification;
        this.reset = reset;
        this.userSessions = userSessions;
    }

    record TokenRequest(@Nullable String token) {}

    record ResetRequest(@Nullable String email) {}

    record ResetConfirmation(
            @Nullable String token, @Nullable String newPassword) {}

    record Accepted(String message) {}

    record SignInRequest(
            @Nullable String email,
            @Nullable String password,
            @Nullable Boolean rememberMe,
            @Nullable String code) {}

    record CsrfResponse(String headerName, String parameterName, String token) {}

    /** Creates an account and its first workspace, and signs in. */
    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Views.Me signUp(@RequestBody Accounts.SignUp body, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser user = accounts.signUp(body);
        sessions.open(user, false, request, response, "password");
        return accounts.me(user);
    }

    /**
     * Signs in with email and password, plus {@code code} (TOTP or recovery code) for users with two-factor sign-in;
     * 401 when wrong or missing, 429 while throttled. No session is created unless everything is right.
     */
    @PostMapping("/signin")
    Views.Me signIn(@RequestBody SignInRequest body, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser user = accounts.signIn(body.email(), body.password(), body.code(), request.getRemoteAddr());
        sessions.open(user, Boolean.TRUE.equals(body.rememberMe()), request, response, "password");
        return accounts.me(user);
    }

    @PostMapping("/signout")
    ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(request, response);
        return ResponseEntity.noContent().build();
    }

    /** Verifies the email address with the token from the verification mail. */
    @PostMapping("/verify-email")
    ResponseEntity<Void> verifyEmail(@RequestBody TokenRequest body) {
        verification.verify(body.token());
        return ResponseEntity.noContent().build();
    }

    /** Mails a reset link if the email has an account; the answer is the same either way. */
    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted requestReset(@RequestBody ResetRequest body) {
        reset.request(body.email());
        return new Accepted(PasswordResetPages.SENT);
    }

    /** Sets a new password with the mailed token, once, and ends the user's other sessions. */
    @PostMapping("/password-reset/confirm")
    ResponseEntity<Void> confirmReset(@RequestBody ResetConfirmation body, HttpServletRequest request) {
        var userId = reset.confirm(body.token(), body.newPassword());
        userSessions.signOutOthers(userId, request);
        return ResponseEntity.noContent().build();
    }

    /** A CSRF token for cookie sessions: send it as {@code X-XSRF-TOKEN} with every POST, PUT, PATCH, DELETE. */
    @GetMapping("/csrf")
    CsrfResponse csrf(CsrfToken token) {
        return new CsrfResponse(token.getHeaderName(), token.getParameterName(), token.getToken());
    }
}
