package io.crmflow.identity;

import io.crmflow.email.EmailOutbox;
import io.crmflow.email.OutgoingEmail;
import io.crmflow.identity.devices.LinkedDevices;
import io.crmflow.platform.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords: a single-use link valid for 30 minutes, mailed through the outbox. Asking never reveals
 * whether an email is registered; resetting closes every other open reset link and is audited in each of the
 * user's workspaces. Signing out the user's sessions is the web layer's part (it owns the sessions).
 */
@Service
public class PasswordReset {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final Duration REQUEST_INTERVAL = Duration.ofMinutes(1);
    private static final String SUBJECT = "Reset your CRMFlow password";

    private final UserRepository users;
    private final UserAudit userAudit;
    private final LinkedDevices devices;
    private final AccountTokens tokens;
    private final EmailOutbox outbox;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String baseUrl;

    PasswordReset(
            UserRepository users,
            UserAudit userAudit,
            LinkedDevices devices,
            AccountTokens tokens,
            EmailOutbox outbox,
            PasswordEncoder passwords,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${crmflow.base-url}") String baseUrl) {
        this.users = users;
        this.userAudit = userAudit;
        this.devices = devices;
        this.tokens = tokens;
        this.outbox = outbox;
        this.passwords = passwords;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /**
     * Mails a reset link if the email belongs to an account. An unknown email does the same work (token, rendering)
     * without storing anything, so neither the answer nor its timing tells the two apart. At most one mail a minute
     * per account, silently, so the form cannot be used to flood someone's mailbox.
     */
    @Transactional
    public void request(@Nullable String email) {
        new Checks().email("email", email).orThrow();
        var user = users.findByEmail(email.trim());
        String token = AccountTokens.newToken();
        var mail = OutgoingEmail.accountMail(
                user.map(UserRepository.UserRow::email).orElse(email.trim()),
                SUBJECT,
                "password-reset",
                Map.of(
                        "name",
                        user.map(UserRepository.UserRow::name).orElse(""),
                        "link",
                        baseUrl + "/reset-password/" + token),
                null);
        Instant now = Instant.now(clock);
        if (user.isEmpty() || recentlyAsked(user.get().id(), now)) {
            outbox.render(mail);
            return;
        }
        tokens.insert(token, user.get().id(), AccountTokens.Purpose.PASSWORD_RESET, now, now.plus(LIFETIME));
        outbox.queue(mail);
    }

    private boolean recentlyAsked(UUID userId, Instant now) {
        return tokens.latest(userId, AccountTokens.Purpose.PASSWORD_RESET)
                .filter(last -> last.plus(REQUEST_INTERVAL).isAfter(now))
                .isPresent();
    }

    /** Whether a reset link can still be used: 404 unknown, 409 {@code token_used} or {@code token_expired}. */
    @Transactional(readOnly = true)
    public void check(String token) {
        var row = tokens.find(token, AccountTokens.Purpose.PASSWORD_RESET)
                .orElseThrow(() -> ApiProblem.notFound("Reset link"));
        TokenChecks.requireOpen(row, Instant.now(clock));
    }

    /**
     * Sets a new password with a reset link's token, once. The email counts as verified (the link reached it).
     * Returns the user whose password changed, whose other sessions the caller must end.
     */
    public UUID confirm(@Nullable String token, @Nullable String newPassword) {
        new Checks()
                .text("token", token, 200)
                .password("newPassword", newPassword)
                .orThrow();
        String hash = passwords.encode(newPassword);
        UUID userId = transactions.execute(status -> {
            var row = tokens.find(token, AccountTokens.Purpose.PASSWORD_RESET)
                    .orElseThrow(() -> ApiProblem.notFound("Reset link"));
            Instant now = Instant.now(clock);
            TokenChecks.requireOpen(row, now);
            if (!tokens.use(token, AccountTokens.Purpose.PASSWORD_RESET, now)) {
                throw ApiProblem.conflict("token_used", "This link was already used; ask for a new one");
            }
            tokens.closeAll(row.userId(), AccountTokens.Purpose.PASSWORD_RESET, now);
            users.updatePassword(row.userId(), hash, now);
            devices.revokeAll(row.userId()); // linked phones must not sign back in with the old credentials
            users.markVerified(row.userId(), now);
            return row.userId();
        });
        userAudit.inEveryWorkspace(userId, "auth.password_reset", Map.of());
        return userId;
    }
}
