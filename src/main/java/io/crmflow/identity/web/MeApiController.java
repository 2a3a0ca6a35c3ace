package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.Views;
import io.crmflow.identity.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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

    MeApiController(Accounts accounts, Workspaces workspaces, SessionSignIn sessions) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.sessions = sessions;
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
        return ResponseEntity.noContent().build();
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
