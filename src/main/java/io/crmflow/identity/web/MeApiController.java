package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.EmailVerification;
import io.crmflow.identity.Views;
import io.crmflow.identity.Workspaces;
import io.crmflow.identity.devices.LinkedDevices;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user: profile, password, workspaces and the one they work in. */
@RestController
class MeApiController {

    private final Accounts accounts;
    private final Workspaces workspaces;
    private final SessionSignIn sessions;
    private final ActiveSessions activeSessions;
    private final LinkedDevices devices;
    private final EmailVerification verification;

    MeApiController(
            Accounts accounts,
            Workspaces workspaces,
            SessionSignIn sessions,
            ActiveSessions activeSessions,
            LinkedDevices devices,
            EmailVerification verification) {
        this.devices = devices;
        this.verification = verification;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.activeSessions = activeSessions;
    }

    record QrSetting(@Nullable Boolean enabled) {}

    /** A link code for a phone, as a URL and a QR code; valid 2 minutes, once. */
    @PostMapping("/api/v1/me/devices/link-codes")
    @ResponseStatus(HttpStatus.CREATED)
    LinkedDevices.LinkCode linkCode(@AuthenticationPrincipal CurrentUser user) {
        return devices.startLink(user.userId());
    }

    @GetMapping("/api/v1/me/devices")
    Map<String, List<LinkedDevices.Device>> devices(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("data", devices.of(user.userId()));
    }

    /** Unlinks a device and signs out the sessions it opened. */
    @DeleteMapping("/api/v1/me/devices/{id}")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        devices.revoke(user.userId(), id);
        activeSessions.signOutDevices(user, id);
        return ResponseEntity.noContent().build();
    }

    /** The user's sessions on all devices, newest use first. */
    @GetMapping("/api/v1/me/sessions")
    Map<String, List<ActiveSessions.SessionView>> sessions(
            @AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        var session = request.getSession(false);
        return Map.of("data", activeSessions.of(user, session == null ? null : session.getId()));
    }

    /** Signs out one of the user's sessions (any device). */
    @DeleteMapping("/api/v1/me/sessions/{id}")
    ResponseEntity<Void> revokeSession(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        activeSessions.revoke(user, id);
        return ResponseEntity.noContent().build();
    }

    /** Turns QR sign-in on or off for the current workspace (OWNER, ADMIN). */
    @PutMapping("/api/v1/workspace/qr-sign-in")
    Map<String, Boolean> qrSignIn(@RequestBody QrSetting body) {
        return Map.of("enabled", workspaces.setQrSignIn(body.enabled()));
    }

    record PasswordChange(
            @Nullable String currentPassword, @Nullable String newPassword) {}

    record WorkspaceChoice(@Nullable UUID workspaceId) {}

    record WorkspaceName(@Nullable String name) {}

    @GetMapping("/api/v1/me")
    Views.Me me(@AuthenticationPrincipal CurrentUser user) {
        return accounts.me(user);
    }

    @PatchMapping("/api/v1/me")
    Views.UserView updateProfile(@AuthenticationPrincipal CurrentUser user, @RequestBody Accounts.ProfileChange body) {
        return accounts.updateProfile(user.userId(), body);
    }

    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal CurrentUser user, @RequestBody PasswordChange body) {
        accounts.changePassword(user.userId(), body.currentPassword(), body.newPassword());
        activeSessions.signOutDevices(user, null);
        return ResponseEntity.noContent().build();
    }

    /** Sends a new verification mail; at most once a minute. */
    @PostMapping("/api/v1/me/verification-email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendVerification(@AuthenticationPrincipal CurrentUser user) {
        verification.resend(user.userId());
    }

    /** Switches the session to another of the user's workspaces. */
    @PutMapping("/api/v1/me/workspace")
    Views.Me switchWorkspace(
            @AuthenticationPrincipal CurrentUser user,
            @RequestBody WorkspaceChoice body,
            HttpServletRequest request,
            HttpServletResponse response) {
        var target = workspaces.switchTo(user.userId(), body.workspaceId());
        CurrentUser moved = user.inWorkspace(target.id());
        sessions.moveTo(moved, request, response);
        return accounts.me(moved);
    }

    /** Creates another workspace owned by the signed-in user. */
    @PostMapping("/api/v1/workspaces")
    @ResponseStatus(HttpStatus.CREATED)
    Views.WorkspaceMembership createWorkspace(
            @AuthenticationPrincipal CurrentUser user, @RequestBody WorkspaceName body) {
        return workspaces.create(user.userId(), body.name());
    }

    @GetMapping("/api/v1/workspace")
    Views.WorkspaceView currentWorkspace() {
        return workspaces.current();
    }

    /** Renames the current workspace or sets whether it requires two-factor sign-in (OWNER, ADMIN). */
    @PatchMapping("/api/v1/workspace")
    Views.WorkspaceView updateWorkspace(@RequestBody Workspaces.WorkspaceChange body) {
        return workspaces.update(body);
    }
}
