package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.qr.QrSignIn;
import io.crmflow.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The phone's side of QR sign-in: what the QR code links to. Signed-out phones sign in first, then return here. */
@Controller
class QrPages {

    private final QrSignIn qr;

    QrPages(QrSignIn qr) {
        this.qr = qr;
    }

    @GetMapping("/qr/{token}")
    String review(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String token,
            Model model,
            HttpServletResponse response) {
        try {
            model.addAttribute("request", qr.scan(user.userId(), token));
            model.addAttribute("token", token);
            return "identity/qr-approve";
        } catch (ApiProblem problem) {
            return refused(problem, model, response);
        }
    }

    @PostMapping("/qr/{token}/approve")
    String approve(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String token,
            @RequestParam(required = false) @Nullable Integer choice,
            @RequestParam(required = false) @Nullable UUID workspaceId,
            Model model,
            HttpServletResponse response) {
        try {
            var outcome = qr.approve(user.userId(), token, choice, workspaceId);
            model.addAttribute("approved", outcome == QrSignIn.Outcome.APPROVED);
            return "identity/qr-result";
        } catch (ApiProblem problem) {
            return refused(problem, model, response);
        }
    }

    @PostMapping("/qr/{token}/deny")
    String deny(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String token,
            Model model,
            HttpServletResponse response) {
        try {
            qr.deny(user.userId(), token);
            model.addAttribute("approved", false);
            model.addAttribute("deniedByUser", true);
            return "identity/qr-result";
        } catch (ApiProblem problem) {
            return refused(problem, model, response);
        }
    }

    private static String refused(ApiProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status().value());
        model.addAttribute("refusal", problem.getMessage());
        return "identity/qr-result";
    }
}
