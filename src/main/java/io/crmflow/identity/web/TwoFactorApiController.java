package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.TwoFactor;
import io.crmflow.identity.Views;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's TOTP two-factor sign-in: status, enrolment, confirmation, turning it off. */
@RestController
@RequestMapping("/api/v1/me/two-factor")
class TwoFactorApiController {

    private final TwoFactor twoFactor;

    TwoFactorApiController(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    record Confirmation(@Nullable String code) {}

    record PasswordConfirmation(@Nullable String password) {}

    @GetMapping
    Views.TwoFactorStatus status(@AuthenticationPrincipal CurrentUser user) {
        return twoFactor.status(user.userId());
    }

    /** Starts enrolment: a new secret, its {@code otpauth://} URI and a QR code of it. */
    @PostMapping
    Views.TwoFactorSetup start(@AuthenticationPrincipal CurrentUser user) {
        return twoFactor.start(user.userId());
    }

    /** Confirms enrolment with a current code; answers the recovery codes, shown this once. */
    @PostMapping("/confirm")
    Views.RecoveryCodes confirm(@AuthenticationPrincipal CurrentUser user, @RequestBody Confirmation body) {
        return twoFactor.confirm(user.userId(), body.code());
    }

    /** Turns two-factor sign-in off; needs the current password. */
    @DeleteMapping
    ResponseEntity<Void> disable(@AuthenticationPrincipal CurrentUser user, @RequestBody PasswordConfirmation body) {
        twoFactor.disable(user.userId(), body.password());
        return ResponseEntity.noContent().build();
    }

    /** The same as {@code DELETE}, for clients that cannot send a body with DELETE. */
    @PostMapping("/disable")
    ResponseEntity<Void> disableByPost(
            @AuthenticationPrincipal CurrentUser user, @RequestBody PasswordConfirmation body) {
        return disable(user, body);
    }
}
