package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.InvitationSignUp;
import io.crmflow.identity.Members;
import io.crmflow.identity.Role;
import io.crmflow.identity.Workspaces;
import io.crmflow.identity.devices.LinkedDevices;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.FormActions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Profile, members, invitations and the workspace switcher, as pages. */
@Controller
class AccountPages {

    private final Accounts accounts;
    private final Workspaces workspaces;
    private final Members members;
    private final SessionSignIn sessions;
    private final ActiveSessions activeSessions;
    private final LinkedDevices devices;
    private final InvitationSignUp invitationSignUp;
    private final RequestCache requestCache;

    AccountPages(
            Accounts accounts,
            Workspaces workspaces,
            Members members,
            SessionSignIn sessions,
            ActiveSessions activeSessions,
            LinkedDevices devices,
            InvitationSignUp invitationSignUp,
            RequestCache requestCache) {
        this.devices = devices;
        this.invitationSignUp = invitationSignUp;
        this.requestCache = requestCache;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.members = members;
        this.sessions = sessions;
        this.activeSessions = activeSessions;
    }

    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model) {
        var session = request.getSession(false);
        model.addAttribute("sessions", activeSessions.of(user, session == null ? null : session.getId()));
        model.addAttribute("devices", devices.of(user.userId()));
        return "identity/profile";
    }

    @PostMapping("/profile/sessions/{id}/revoke")
    String revokeSession(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, RedirectAttributes flash) {
        return FormActions.attempt(flash, "/profile", "Session signed out.", () -> activeSessions.revoke(user, id));
    }

    @PostMapping("/settings/qr-sign-in")
    String qrSignIn(@RequestParam(required = false) @Nullable Boolean enabled, RedirectAttributes flash) {
        return FormActions.attempt(
                flash,
                "/members",
                Boolean.TRUE.equals(enabled) ? "QR sign-in turned on." : "QR sign-in turned off.",
                () -> workspaces.setQrSignIn(enabled));
    }

    @PostMapping("/profile")
    String updateProfile(
            @AuthenticationPrincipal CurrentUser user, Accounts.ProfileChange form, RedirectAttributes flash) {
        return FormActions.attempt(
                flash, "/profile", "Profile saved.", () -> accounts.updateProfile(user.userId(), form));
    }

    @PostMapping("/profile/password")
    String changePassword(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable String currentPassword,
            @RequestParam(required = false) @Nullable String newPassword,
            RedirectAttributes flash) {
        return FormActions.attempt(flash, "/profile", "Password changed. Linked devices were signed out.", () -> {
            accounts.changePassword(user.userId(), currentPassword, newPassword);
            activeSessions.signOutDevices(user, null);
        });
    }

    @GetMapping("/members")
    String members(Model model, HttpServletRequest request) {
        model.addAttribute("members", members.list(null, 200).data());
        Object role = request.getAttribute(MembershipAuthoritiesFilter.ROLE_ATTRIBUTE);
        boolean manager = role instanceof Role r && r.canManageMembers();
        model.addAttribute("canManage", manager);
        model.addAttribute("roles", Role.values());
        model.addAttribute("invitations", manager ? members.pendingInvitations() : java.util.List.of());
        model.addAttribute("qrSignInEnabled", workspaces.qrSignInEnabled());
        return "identity/members";
    }

    @PostMapping("/members/invite")
    String invite(Members.Invite form, RedirectAttributes flash) {
        return FormActions.attempt(flash, "/members", null, () -> {
            var created = members.invite(form);
            flash.addFlashAttribute("inviteLink", created.acceptUrl());
            flash.addFlashAttribute(
                    "notice",
                    "Invitation created for " + created.invitation().email()
                            + ". Send them this link; it works once, for 7 days.");
        });
    }

    @PostMapping("/members/{userId}/role")
    String changeRole(
            @PathVariable UUID userId, @RequestParam(required = false) @Nullable Role role, RedirectAttributes flash) {
        return FormActions.attempt(flash, "/members", "Role changed.", () -> members.changeRole(userId, role));
    }

    @PostMapping("/members/{userId}/remove")
    String remove(@PathVariable UUID userId, RedirectAttributes flash) {
        return FormActions.attempt(flash, "/members", "Member removed.", () -> members.remove(userId));
    }

    @PostMapping("/invitations/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes flash) {
        return FormActions.attempt(flash, "/members", "Invitation revoked.", () -> members.revokeInvitation(id));
    }

    @GetMapping("/invitations/{token}")
    String invitation(
            @AuthenticationPrincipal @Nullable CurrentUser user,
            @PathVariable String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("token", token);
        if (user == null) {
            // after "sign in to accept", come back here
            requestCache.saveRequest(request, response);
            try {
                model.addAttribute("newcomer", invitationSignUp.lookUp(token));
            } catch (ApiProblem problem) {
                response.setStatus(problem.status().value());
                model.addAttribute("newcomer", null);
            }
            return "identity/invitation";
        }
        try {
            model.addAttribute("invitation", members.lookUp(user.userId(), token));
        } catch (ApiProblem problem) {
            model.addAttribute("invitation", null);
        }
        return "identity/invitation";
    }

    /** A newcomer creates their account from the invitation and joins the workspace. */
    @PostMapping("/invitations/{token}/signup")
    String signUpFromInvitation(
            @PathVariable String token,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String password,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            CurrentUser user = invitationSignUp.signUpAndJoin(token, name, password);
            requestCache.removeRequest(request, response);
            sessions.open(user, false, request, response, "password");
            flash.addFlashAttribute("notice", "Welcome! You joined the workspace.");
            return "redirect:/";
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.summary());
            return "redirect:/invitations/" + token;
        }
    }

    @PostMapping("/invitations/{token}/accept")
    String accept(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String token,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            UUID workspace = members.accept(user.userId(), token);
            sessions.moveTo(user.inWorkspace(workspace), request, response);
            flash.addFlashAttribute("notice", "Welcome to your new workspace.");
            return "redirect:/";
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.getMessage());
            return "redirect:/invitations/" + token;
        }
    }

    @PostMapping("/workspaces/switch")
    String switchWorkspace(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable UUID workspaceId,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            var target = workspaces.switchTo(user.userId(), workspaceId);
            sessions.moveTo(user.inWorkspace(target.id()), request, response);
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/";
    }

    @GetMapping("/workspaces/new")
    String newWorkspace() {
        return "identity/new-workspace";
    }

    @PostMapping("/workspaces")
    String createWorkspace(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) @Nullable String name,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash) {
        try {
            var created = workspaces.create(user.userId(), name);
            sessions.moveTo(user.inWorkspace(created.id()), request, response);
            flash.addFlashAttribute("notice", "Workspace " + created.name() + " created.");
            return "redirect:/";
        } catch (ApiProblem problem) {
            flash.addFlashAttribute(
                    "error",
                    problem.errors().isEmpty()
                            ? problem.getMessage()
                            : "Give the workspace a name of at most 100 characters.");
            return "redirect:/workspaces/new";
        }
    }
}
