package io.crmflow.identity;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.QrSvg;
import io.crmflow.shared.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP two-factor sign-in for one user: enrolment (secret, QR, confirmation, recovery codes), checking a code at
 * sign-in, and turning it off. The secret and the recovery codes are shown only while enrolling and never logged
 * or audited; recovery codes are stored only hashed.
 */
@Service
public class TwoFactor {

    static final String ISSUER = "CRMFlow";
    /** Steps accepted either side of the current one: a phone clock up to 30 s off still works. */
    static final int WINDOW = 1;

    static final int RECOVERY_CODES = 10;
    private static final int SECRET_BYTES = 20; // 160 bits, RFC 4226's recommendation for HMAC-SHA1
    private static final int MAX_CODE_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TwoFactorRepository twoFactors;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    TwoFactor(
            TwoFactorRepository twoFactors,
            UserRepository users,
            PasswordEncoder passwords,
            AuditLog audit,
            Clock clock) {
        this.twoFactors = twoFactors;
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a second factor given at sign-in turned out to be. */
    enum Outcome {
        TOTP_CODE,
        RECOVERY_CODE,
        WRONG
    }

    @Transactional(readOnly = true)
    public Views.TwoFactorStatus status(UUID userId) {
        var row = twoFactors.find(userId).filter(TwoFactorRepository.TwoFactorRow::confirmed);
        return new Views.TwoFactorStatus(
                row.isPresent(),
                row.map(TwoFactorRepository.TwoFactorRow::confirmedAt).orElse(null),
                row.isPresent() ? twoFactors.recoveryCodesLeft(userId) : 0);
    }

    /** Starts enrolment with a new secret; any earlier unconfirmed one is replaced. 409 when already enabled. */
    @Transactional
    public Views.TwoFactorSetup start(UUID userId) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        if (!twoFactors.savePending(userId, secret, now())) {
            throw alreadyEnabled();
        }
        return setup(user.email(), secret);
    }

    /** The enrolment started and not yet confirmed, to show again (for instance after a mistyped code). */
    @Transactional(readOnly = true)
    public Optional<Views.TwoFactorSetup> pendingSetup(UUID userId) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        return twoFactors.find(userId).filter(row -> !row.confirmed()).map(row -> setup(user.email(), row.secret()));
    }

    /**
     * Confirms enrolment with a code from the authenticator app and returns ten recovery codes: the only time
     * they are shown. The code used here cannot be used again to sign in.
     */
    @Transactional
    public Views.RecoveryCodes confirm(UUID userId, @Nullable String code) {
        new Checks()
                .require(
                        code != null && code.strip().matches("\\d{6}"),
                        "code",
                        "must be the 6-digit code from your authenticator app")
                .orThrow();
        var row = twoFactors
                .find(userId)
                .orElseThrow(() ->
                        ApiProblem.conflict("two_factor_not_started", "Start two-factor set-up before confirming it"));
        if (row.confirmed()) {
            throw alreadyEnabled();
        }
        var step = Totp.matchingStep(row.secret(), code.strip(), now(), WINDOW);
        if (step.isEmpty() || !twoFactors.advanceStep(userId, step.getAsLong())) {
            throw ApiProblem.invalid("code", "is not the current code from your authenticator app");
        }
        if (!twoFactors.confirm(userId, now())) {
            throw alreadyEnabled();
        }
        List<String> codes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = newRecoveryCode();
            codes.add(recovery);
            hashes.add(Tokens.sha256(normalizeRecoveryCode(recovery)));
        }
        twoFactors.replaceRecoveryCodes(userId, hashes);
        if (Tenancy.currentTenant().isPresent()) {
            audit.record(
                    "user.two_factor_enabled",
                    "user",
                    userId,
                    AuditLog.diff(Map.of("twoFactor", false), Map.of("twoFactor", true)));
        }
        return new Views.RecoveryCodes(codes);
    }

    /** Turns two-factor sign-in off; the current password is required. */
    @Transactional
    public void disable(UUID userId, @Nullable String password) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        new Checks()
                .require(
                        password != null
                                && password.length() <= Checks.MAX_PASSWORD
                                && passwords.matches(password, user.passwordHash()),
                        "password",
                        "is wrong")
                .orThrow();
        boolean wasEnabled = twoFactors
                .find(userId)
                .map(TwoFactorRepository.TwoFactorRow::confirmed)
                .orElse(false);
        if (!wasEnabled) {
            throw ApiProblem.conflict("two_factor_not_enabled", "Two-factor authentication is not on");
        }
        twoFactors.delete(userId);
        if (Tenancy.currentTenant().isPresent()) {
            audit.record(
                    "user.two_factor_disabled",
                    "user",
                    userId,
                    AuditLog.diff(Map.of("twoFactor", true), Map.of("twoFactor", false)));
        }
    }

    /** True when the workspace requires two-factor sign-in and this user has not set it up. */
    @Transactional(readOnly = true)
    public boolean enrolmentRequired(UUID userId, UUID workspaceId) {
        return twoFactors.enrolmentMissing(userId, workspaceId);
    }

    @Transactional(readOnly = true)
    boolean enabled(UUID userId) {
        return twoFactors
                .find(userId)
                .map(TwoFactorRepository.TwoFactorRow::confirmed)
                .orElse(false);
    }

    /**
     * Checks a second factor at sign-in: a TOTP code for a step newer than the last one accepted (so no code works
     * twice), or an unused recovery code, which is then used up.
     */
    @Transactional
    Outcome verify(UUID userId, String code) {
        var row = twoFactors.find(userId).filter(TwoFactorRepository.TwoFactorRow::confirmed);
        String given = code.strip();
        if (row.isEmpty() || given.length() > MAX_CODE_LENGTH) {
            return Outcome.WRONG;
        }
        if (given.matches("\\d{6}")) {
            var step = Totp.matchingStep(row.get().secret(), given, now(), WINDOW);
            return step.isPresent() && twoFactors.advanceStep(userId, step.getAsLong())
                    ? Outcome.TOTP_CODE
                    : Outcome.WRONG;
        }
        String normalized = normalizeRecoveryCode(given);
        if (normalized.length() == 10 && twoFactors.useRecoveryCode(userId, Tokens.sha256(normalized), now())) {
            return Outcome.RECOVERY_CODE;
        }
        return Outcome.WRONG;
    }

    @Transactional(readOnly = true)
    int recoveryCodesLeft(UUID userId) {
        return twoFactors.recoveryCodesLeft(userId);
    }

    private static Views.TwoFactorSetup setup(String email, byte[] secret) {
        String base32 = Totp.base32(secret);
        String label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%3A", ":");
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER;
        return new Views.TwoFactorSetup(base32, uri, QrSvg.of(uri, "QR code to add CRMFlow to an authenticator app"));
    }

    /** Ten base32 characters (50 random bits), shown as {@code xxxxx-xxxxx}. */
    private static String newRecoveryCode() {
        byte[] bytes = new byte[7];
        RANDOM.nextBytes(bytes);
        String code = Totp.base32(bytes).substring(0, 10).toLowerCase(Locale.ROOT);
        return code.substring(0, 5) + "-" + code.substring(5);
    }

    /** Case, spaces and dashes do not matter when typing a recovery code back. */
    private static String normalizeRecoveryCode(String code) {
        return code.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static ApiProblem alreadyEnabled() {
        return ApiProblem.conflict("two_factor_already_enabled", "Two-factor authentication is already on");
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
