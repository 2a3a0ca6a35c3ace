package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.devices.LinkedDevices;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.FormActions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Linking a phone: the desktop shows a code (profile), the phone opens it and becomes a linked device. */
@Controller
class DevicePages {

    private final LinkedDevices devices;
    private final Accounts accounts;
    private final SessionSignIn sessions;
    private final ActiveSessions activeSessions;

    DevicePages(LinkedDevices devices, Accounts accounts, SessionSignIn sessions, ActiveSessions activeSessions) {
        this.devices = devices;
        this.accounts = accounts;
        this.sessions = sessions;
        this.activeSessions = activeSessions;
    }

    /** The desktop's page with the link code. */
    @PostMapping("/profile/devices/link")
    String startLink(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("link", devices.startLink(user.userId()));
        return "identity/device-link";
    }

    @PostMapping("/profile/devices/{id}/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes flash) {
        return FormActions.attempt(flash, "/profile", "Device unlinked and signed out.", () -> {
            devices.revoke(user.userId(), id);
            activeSessions.signOutDevices(user, id);
        });
    }

    /** The phone opened the link code. */
    @GetMapping("/link/{code}")
    String confirm(@PathVariable String code, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("account", devices.accountOf(code));
            model.addAttribute("code", code);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("refusal", problem.getMessage());
        }
        return "identity/device-confirm";
    }

    @PostMapping("/link/{code}")
    String link(
            @PathVariable String code,
            @RequestParam(required = false) @Nullable String name,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes flash) {
        try {
            var linked = devices.link(code, name, request.getHeader(HttpHeaders.USER_AGENT));
            ResponseCookie cookie = ResponseCookie.from(DeviceSignInFilter.DEVICE_COOKIE, linked.secret())
                    .httpOnly(true)
                    .secure(request.isSecure())
                    .sameSite("Lax")
                    .path("/")
                    .maxAge(linked.lifetime())
                    .build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
            sessions.open(
                    accounts.userForDevice(linked.userId()), false, request, response, "device", linked.deviceId());
            flash.addFlashAttribute("notice", "This phone is linked. It can approve QR sign-ins for 30 days.");
            return "redirect:/";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("refusal", problem.getMessage());
            return "identity/device-confirm";
        }
    }
}
