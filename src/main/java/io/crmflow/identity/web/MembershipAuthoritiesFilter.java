package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.Role;
import io.crmflow.identity.Workspaces;
import io.crmflow.platform.tenancy.Tenancy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the signed-in user's role in their current workspace from the database on every request and grants it as
 * an authority for this request only. A member who was removed lands in another of their workspaces, or in none.
 */
final class MembershipAuthoritiesFilter extends OncePerRequestFilter {

    static final String ROLE_ATTRIBUTE = "crmflow.role";

    private final Workspaces workspaces;
    private final SecurityContextRepository contexts;

    MembershipAuthoritiesFilter(Workspaces workspaces, SecurityContextRepository contexts) {
        this.workspaces = workspaces;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            Optional<Role> role = user.workspaceId() == null
                    ? Optional.empty()
                    : workspaces.roleOf(user.userId(), user.workspaceId());
            CurrentUser effective = user;
            if (role.isEmpty() && user.workspaceId() != null) {
                // no longer a member here: fall back to another workspace, or none
                UUID other =
                        Tenancy.callAs(null, user.userId(), () -> workspaces.landingWorkspace(user.userId(), null));
                effective = user.inWorkspace(other);
                role = other == null
                        ? Optional.empty()
                        : Tenancy.callAs(other, user.userId(), () -> workspaces.roleOf(user.userId(), other));
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
            role.ifPresent(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
            var context = new SecurityContextImpl(
                    UsernamePasswordAuthenticationToken.authenticated(effective, null, authorities));
            SecurityContextHolder.setContext(context);
            if (effective != user) {
                contexts.saveContext(context, request, response);
            }
            role.ifPresent(r -> request.setAttribute(ROLE_ATTRIBUTE, r));
        }
        chain.doFilter(request, response);
    }
}
