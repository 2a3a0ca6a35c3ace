package io.crmflow.identity;

import io.crmflow.email.EmailOutbox;
import io.crmflow.email.OutgoingEmail;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves a user owns their email: sign-up mails a single-use link valid for 24 hours. Unverified users can work but
 * cannot invite anyone.
 */
@Service
public class EmailVerification {

    static final Duration LIFETIME = Duration.ofHours(24);
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    private final UserRepository users;
    private final AccountTokens tokens;
    private final EmailOutbox outbox;
    private final Clock clock;
    private final String baseUrl;

    EmailVerification(
            UserRepository users,
            AccountTokens tokens,
            EmailOutbox outbox,
            Clock clock,
            @Value("${crmflow.base-url}") String baseUrl) {
        this.users = users;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** Queues a verification mail in the current transaction (sign-up, resend). */
    void send(UUID userId, String email, String name, @Nullable UUID workspaceId) {
        String token = AccountTokens.newToken();
        Instant now = Instant.now(clock);
        tokens.insert(token, userId, AccountTokens.Purpose.EMAIL_VERIFICATION, now, now.plus(LIFETIME));
        outbox.queue(OutgoingEmail.accountMail(
                email,
                "Confirm your email address for CRMFlow",
                "email-verification",
                Map.of("name", name, "link", baseUrl + "/verify-email/" + token),
                workspaceId));
    }

    /** Sends a new link to the signed-in user; at most once a minute (429), 409 when already verified. */
    @Transactional
    public void resend(UUID userId) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        if (user.emailVerified()) {
            throw ApiProblem.conflict("already_verified", "Your email address is already verified");
        }
        Instant now = Instant.now(clock);
        var last = tokens.latest(userId, AccountTokens.Purpose.EMAIL_VERIFICATION);
        if (last.isPresent() && last.get().plus(RESEND_INTERVAL).isAfter(now)) {
            throw ApiProblem.tooManyRequests(
                    "verification_rate_limited",
                    "A verification mail was just sent; wait a minute before asking again",
                    Duration.between(now, last.get().plus(RESEND_INTERVAL)).plusSeconds(1));
        }
        send(userId, user.email(), user.name(), Tenancy.currentTenant().orElse(null));
    }

    /** Verifies with a link's token: 404 unknown, 409 {@code token_used} or {@code token_expired}. */
    @Transactional
    public void verify(@Nullable String token) {
        new Checks().text("token", token, 200).orThrow();
        var row = tokens.find(token, AccountTokens.Purpose.EMAIL_VERIFICATION)
                .orElseThrow(() -> ApiProblem.notFound("Verification link"));
        Instant now = Instant.now(clock);
        TokenChecks.requireOpen(row, now);
        if (!tokens.use(token, AccountTokens.Purpose.EMAIL_VERIFICATION, now)) {
            throw ApiProblem.conflict("token_used", "This link was already used");
        }
        users.markVerified(row.userId(), now);
    }
}
