package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.EmailVerification;
import io.crmflow.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The link in the verification mail, and "resend" from the banner unverified users see. */
@Controller
class VerificationPages {

    private final EmailVerification verification;

    VerificationPages(EmailVerification verification) {
        this.verification = verification;
    }

    /** Opening the mailed link verifies: it proves the mailbox, and a second opening answers "already used". */
    @GetMapping("/verify-email/{token}")
    String verify(@PathVariable String token, HttpServletResponse response, Model model) {
        try {
            verification.verify(token);
            model.addAttribute("verified", true);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("verified", false);
            model.addAttribute("linkError", problem.getMessage());
        }
        return "identity/verify-email";
    }

    @PostMapping("/verification-email")
    String resend(@AuthenticationPrincipal CurrentUser user, RedirectAttributes flash) {
        try {
            verification.resend(user.userId());
            flash.addFlashAttribute("notice", "We sent you a new link. It works for 24 hours.");
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/";
    }
}
