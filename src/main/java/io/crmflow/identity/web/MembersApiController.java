package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.Members;
import io.crmflow.identity.Role;
import io.crmflow.identity.Views;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Members and invitations of the current workspace. */
@RestController
class MembersApiController {

    private final Members members;
    private final Accounts accounts;
    private final SessionSignIn sessions;

    MembersApiController(Members members, Accounts accounts, SessionSignIn sessions) {
        this.members = members;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    record RoleChange(@Nullable Role role) {}

    record Acceptance(@Nullable String token) {}

    @GetMapping("/api/v1/members")
    CursorPage<Views.MemberView> list(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return members.list(cursor, Cursor.limit(limit));
    }

    @PatchMapping("/api/v1/members/{userId}")
    Views.MemberView changeRole(@PathVariable UUID userId, @RequestBody RoleChange body) {
        return members.changeRole(userId, body.role());
    }

    @DeleteMapping("/api/v1/members/{userId}")
    ResponseEntity<Void> remove(@PathVariable UUID userId) {
        members.remove(userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/invitations")
    Map<String, List<Views.InvitationView>> invitations() {
        return Map.of("data", members.pendingInvitations());
    }

    /** Invites by email; the answer carries the one-time accept link. */
    @PostMapping("/api/v1/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Views.CreatedInvitation invite(@RequestBody Members.Invite body) {
        return members.invite(body);
    }

    @DeleteMapping("/api/v1/invitations/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        members.revokeInvitation(id);
        return ResponseEntity.noContent().build();
    }

    /** Accepts an invitation addressed to the signed-in user and switches the session to that workspace. */
    @PostMapping("/api/v1/invitations/accept")
    Views.Me accept(
            @AuthenticationPrincipal CurrentUser user,
            @RequestBody Acceptance body,
            HttpServletRequest request,
            HttpServletResponse response) {
        UUID workspace = members.accept(user.userId(), body.token());
        CurrentUser moved = user.inWorkspace(workspace);
        sessions.moveTo(moved, request, response);
        return accounts.me(moved);
    }
}
