package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.TwoFactor;
import io.crmflow.platform.web.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Profile → Two-factor authentication: set up with a QR code, confirm, see recovery codes once, turn off. */
@Controller
class TwoFactorPages {

    private final TwoFactor twoFactor;

    TwoFactorPages(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    @GetMapping(TwoFactorEnforcementFilter.ENROLMENT_PAGE)
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        var status = twoFactor.status(user.userId());
        model.addAttribute("status", status);
        model.addAttribute(
                "setup",
                status.enabled() ? null : twoFactor.pendingSetup(user.userId()).orElse(null));
        return "identity/two-factor";
    }

    @PostMapping("/profile/two-factor/start")
    String start(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        try {
            twoFactor.start(user.userId());
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:" + TwoFactorEnforcementFilter.ENROLMENT_PAGE;
    }

    /** On success the recovery codes are rendered straight away (not through a redirect): shown once, kept nowhere. */
    @PostMapping("/profile/two-factor/confirm")
    String confirm(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable String code,
            Model model,
            RedirectAttributes flash) {
        try {
            model.addAttribute("codes", twoFactor.confirm(user.userId(), code).recoveryCodes());
            return "identity/two-factor-codes";
        } catch (ApiProblem problem) {
            flash.addFlashAttribute(
                    "error",
                    problem.errors().isEmpty()
                            ? problem.getMessage()
                            : "That code did not match. Enter the current 6-digit code from your app.");
            return "redirect:" + TwoFactorEnforcementFilter.ENROLMENT_PAGE;
        }
    }

    @PostMapping("/profile/two-factor/disable")
    String disable(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable String password,
            RedirectAttributes flash) {
        try {
            twoFactor.disable(user.userId(), password);
            flash.addFlashAttribute("notice", "Two-factor authentication is off.");
        } catch (ApiProblem problem) {
            flash.addFlashAttribute(
                    "error", problem.errors().isEmpty() ? problem.getMessage() : "The password is wrong.");
        }
        return "redirect:" + TwoFactorEnforcementFilter.ENROLMENT_PAGE;
    }
}
