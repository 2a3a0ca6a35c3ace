package io.crmflow.identity.web;

import io.crmflow.identity.PasswordReset;
import io.crmflow.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Forgot password?": ask for a link, then choose a new password on the page it opens. */
@Controller
class PasswordResetPages {

    static final String SENT = "If an account uses this email, we sent it a link to reset the password."
            + " The link works once, for 30 minutes.";

    private final PasswordReset reset;
    private final ActiveSessions userSessions;

    PasswordResetPages(PasswordReset reset, ActiveSessions userSessions) {
        this.reset = reset;
        this.userSessions = userSessions;
    }

    @GetMapping("/forgot-password")
    String forgotPage() {
        return "identity/forgot-password";
    }

    @PostMapping("/forgot-password")
    String forgot(@RequestParam(required = false) @Nullable String email, HttpServletResponse response, Model model) {
        try {
            reset.request(email);
            model.addAttribute("notice", SENT);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", "Enter the email address of your account.");
        }
        return "identity/forgot-password";
    }

    @GetMapping("/reset-password/{token}")
    String resetPage(@PathVariable String token, HttpServletResponse response, Model model) {
        try {
            reset.check(token);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("linkError", problem.getMessage());
        }
        model.addAttribute("token", token);
        return "identity/reset-password";
    }

    @PostMapping("/reset-password/{token}")
    String resetPassword(
            @PathVariable String token,
            @RequestParam(required = false) @Nullable String newPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            var userId = reset.confirm(token, newPassword);
            userSessions.signOutOthers(userId, request);
            return "redirect:/signin?passwordReset";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            if (problem.errors().isEmpty()) {
                model.addAttribute("linkError", problem.getMessage());
            } else {
                model.addAttribute("error", "Choose a password of at least 12 characters.");
            }
            model.addAttribute("token", token);
            return "identity/reset-password";
        }
    }
}
