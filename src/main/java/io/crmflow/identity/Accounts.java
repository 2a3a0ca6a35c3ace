package io.crmflow.identity;

import io.crmflow.identity.devices.LinkedDevices;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.io.Serializable;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up, sign-in and the signed-in user's own account. */
@Service
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final Workspaces workspaces;
    private final WorkspaceRepository workspaceRows;
    private final TwoFactor twoFactor;
    private final SignInThrottle throttle;
    private final LinkedDevices devices;
    private final UserAudit userAudit;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final EmailVerification verification;
    private final Clock clock;
    private final String unknownUserHash;

    Accounts(
            UserRepository users,
            MembershipRepository memberships,
            Workspaces workspaces,
            WorkspaceRepository workspaceRows,
            TwoFactor twoFactor,
            SignInThrottle throttle,
            LinkedDevices devices,
            UserAudit userAudit,
            PasswordEncoder passwords,
            AuditLog audit,
            EmailVerification verification,
            Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.workspaceRows = workspaceRows;
        this.twoFactor = twoFactor;
        this.throttle = throttle;
        this.devices = devices;
        this.userAudit = userAudit;
        this.passwords = passwords;
        this.audit = audit;
        this.verification = verification;
        this.clock = clock;
        // verified against when the email is unknown, so both cases cost the same time
        this.unknownUserHash = passwords.encode("unknown-user-placeholder-password");
    }

    public record SignUp(
            @Nullable String email,
            @Nullable String password,
            @Nullable String name,
            @Nullable String workspaceName) {}

    public record ProfileChange(
            @Nullable String name,
            @Nullable String timeZone,
            @Nullable String locale) {}

    /** Creates a user and their first workspace, where they are OWNER. */
    @Transactional
    public CurrentUser signUp(SignUp command) {
        new Checks()
                .email("email", command.email())
                .password("password", command.password())
                .text("name", command.name(), 100)
                .text("workspaceName", command.workspaceName(), 100)
                .orThrow();
        String email = command.email().trim();
        if (users.findByEmail(email).isPresent()) {
            throw ApiProblem.conflict("email_taken", "An account with this email already exists; sign in instead");
        }
        UUID userId = Ids.newId();
        try {
            users.insert(userId, email, command.name().trim(), passwords.encode(command.password()), now());
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("email_taken", "An account with this email already exists; sign in instead");
        }
        UUID workspaceId = workspaces.createFor(userId, command.workspaceName().trim());
        verification.send(userId, email, command.name().trim(), workspaceId);
        audit.recordBy(
                userId,
                "user.signed_up",
                "user",
                userId,
                AuditLog.created(Map.of("email", email, "name", command.name().trim())));
        return new CurrentUser(userId, email, workspaceId);
    }

    /**
     * Proof that a user's password was checked, for a sign-in that still needs the second factor. Only this
     * module makes one; the web layer keeps it in the HTTP session between the two steps.
     */
    public static final class PasswordChecked implements Serializable {

        private static final long serialVersionUID = 1L;

        private final UUID userId;
        private final String email;
        private final boolean secondFactorNeeded;

        PasswordChecked(UUID userId, String email, boolean secondFactorNeeded) {
            this.userId = userId;
            this.email = email;
            this.secondFactorNeeded = secondFactorNeeded;
        }

        public boolean secondFactorNeeded() {
            return secondFactorNeeded;
        }
    }

    /**
     * Signs in with a password and, for users with two-factor sign-in, a TOTP or recovery code: 401
     * {@code two_factor_required} without a code, 401 {@code invalid_two_factor_code} with a wrong one.
     */
    public CurrentUser signIn(@Nullable String email, @Nullable String password, @Nullable String code, String ip) {
        PasswordChecked checked = checkPassword(email, password, ip);
        return checked.secondFactorNeeded() ? completeSignIn(checked, code, ip) : finishSignIn(checked);
    }

    /**
     * The first step: checks the password. Throttled per account and IP; failures are audited in the user's
     * workspaces. Answers the same for an unknown email as for a wrong password. Does not sign in by itself.
     */
    public PasswordChecked checkPassword(@Nullable String email, @Nullable String password, String ip) {
        new Checks()
                .email("email", email)
                .text("password", password, Checks.MAX_PASSWORD)
                .orThrow();
        throttle.check(email, ip);
        var user = users.findByEmail(email.trim());
        boolean matches = passwords.matches(
                password, user.map(UserRepository.UserRow::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || !matches) {
            throttle.recordFailure(email, ip);
            user.ifPresentOrElse(
                    u -> userAudit.inEveryWorkspace(u.id(), "auth.sign_in_failed", Map.of()),
                    () -> log.warn("Failed sign-in for an unknown email from {}", ip));
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Email or password is wrong");
        }
        UUID userId = user.get().id();
        return new PasswordChecked(userId, email.trim(), twoFactor.enabled(userId));
    }

    /**
     * The second step: checks a TOTP code (each works once) or a recovery code (used up). Wrong codes count in
     * the sign-in throttle like wrong passwords and are audited.
     */
    public CurrentUser completeSignIn(PasswordChecked checked, @Nullable String code, String ip) {
        if (!checked.secondFactorNeeded()) {
            return finishSignIn(checked);
        }
        throttle.check(checked.email, ip);
        if (code == null || code.isBlank()) {
            throw ApiProblem.of(
                    HttpStatus.UNAUTHORIZED,
                    "two_factor_required",
                    "Enter the code from your authenticator app, or a recovery code");
        }
        UUID userId = checked.userId;
        TwoFactor.Outcome outcome = twoFactor.verify(userId, code);
        if (outcome == TwoFactor.Outcome.WRONG) {
            throttle.recordFailure(checked.email, ip);
            userAudit.inEveryWorkspace(userId, "auth.two_factor_failed", Map.of());
            throw ApiProblem.of(
                    HttpStatus.UNAUTHORIZED, "invalid_two_factor_code", "The code is wrong, expired or already used");
        }
        if (outcome == TwoFactor.Outcome.RECOVERY_CODE) {
            int left = twoFactor.recoveryCodesLeft(userId);
            userAudit.inEveryWorkspace(
                    userId, "auth.recovery_code_used", AuditLog.created(Map.of("recoveryCodesLeft", left)));
        }
        return finishSignIn(checked);
    }

    private CurrentUser finishSignIn(PasswordChecked checked) {
        throttle.recordSuccess(checked.email);
        UUID userId = checked.userId;
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        UUID workspace =
                Tenancy.callAs(null, userId, () -> workspaces.landingWorkspace(userId, user.lastWorkspaceId()));
        if (workspace != null) {
            Tenancy.runAs(workspace, userId, () -> audit.recordBy(userId, "auth.signed_in", "user", userId, Map.of()));
        }
        return new CurrentUser(userId, user.email(), workspace);
    }

    /** The user a recognised linked device signs in as, in the workspace they last used. */
    public CurrentUser userForDevice(UUID userId) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        UUID workspace =
                Tenancy.callAs(null, userId, () -> workspaces.landingWorkspace(userId, user.lastWorkspaceId()));
        return new CurrentUser(userId, user.email(), workspace);
    }

    /** The signed-in user, the current workspace and role, and all their workspaces. */
    @Transactional(readOnly = true)
    public Views.Me me(CurrentUser current) {
        var user = users.findById(current.userId()).orElseThrow(() -> ApiProblem.notFound("User"));
        var all = memberships.workspacesOf(current.userId());
        var here =
                all.stream().filter(w -> w.id().equals(current.workspaceId())).findFirst();
        return new Views.Me(
                user.view(),
                here.flatMap(w -> workspaceRows.findById(w.id())).orElse(null),
                here.map(Views.WorkspaceMembership::role).orElse(null),
                all);
    }

    @Transactional
    public Views.UserView updateProfile(UUID userId, ProfileChange change) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        String name = change.name() == null ? user.name() : change.name().trim();
        String zone =
                change.timeZone() == null ? user.timeZone() : change.timeZone().trim();
        String locale =
                change.locale() == null ? user.locale() : change.locale().trim();
        new Checks()
                .text("name", name, 100)
                .require(validZone(zone), "timeZone", "is not a known time zone such as Europe/Berlin")
                .require(validLocale(locale), "locale", "is not a language tag such as en or de-CH")
                .orThrow();
        users.updateProfile(userId, name, zone, locale, now());
        var after = new Views.UserView(
                userId, user.email(), name, zone, locale, user.emailVerified(), user.twoFactorEnabled());
        if (Tenancy.currentTenant().isPresent()) {
            audit.record(
                    "user.profile_updated",
                    "user",
                    userId,
                    AuditLog.diff(
                            Map.of("name", user.name(), "timeZone", user.timeZone(), "locale", user.locale()),
                            Map.of("name", name, "timeZone", zone, "locale", locale)));
        }
        return after;
    }

    @Transactional
    public void changePassword(UUID userId, @Nullable String current, @Nullable String replacement) {
        var user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User"));
        new Checks()
                .require(
                        current != null && passwords.matches(current, user.passwordHash()),
                        "currentPassword",
                        "is wrong")
                .password("newPassword", replacement)
                .orThrow();
        users.updatePassword(userId, passwords.encode(replacement), now());
        devices.revokeAll(userId); // a new password ends every linked device's 30-day pass
        if (Tenancy.currentTenant().isPresent()) {
            audit.record("user.password_changed", "user", userId, Map.of());
        }
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean validLocale(String tag) {
        try {
            return !new Locale.Builder()
                    .setLanguageTag(tag)
                    .build()
                    .getLanguage()
                    .isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
