package io.crmflow.identity.web;

import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.TwoFactor;
import io.crmflow.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where the current workspace requires two-factor sign-in, a member without it may only set it up: API calls answer
 * 403 {@code two_factor_enrollment_required} (except their own account and sign-in/out), pages redirect to the
 * enrolment page. Runs after {@link MembershipAuthoritiesFilter}, on the workspace it settled on.
 */
final class TwoFactorEnforcementFilter extends OncePerRequestFilter {

    static final String ENROLMENT_PAGE = "/profile/two-factor";
    private static final List<String> OPEN_PREFIXES = List.of(
            "/api/v1/me/", "/api/v1/auth/", "/profile/", "/css/", "/js/", "/img/", "/webjars/", "/error", "/actuator/");
    private static final List<String> OPEN_PATHS =
            List.of("/api/v1/me", "/profile", "/signout", "/workspaces/switch", "/favicon.svg");

    private final TwoFactor twoFactor;

    TwoFactorEnforcementFilter(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof CurrentUser user
                && user.workspaceId() != null
                && !open(request.getRequestURI())
                && twoFactor.enrolmentRequired(user.userId(), user.workspaceId())) {
            if (request.getRequestURI().startsWith("/api/")) {
                Problems.write(
                        request,
                        response,
                        HttpStatus.FORBIDDEN,
                        "two_factor_enrollment_required",
                        "This workspace requires two-factor sign-in: set it up under /api/v1/me/two-factor first");
            } else {
                response.sendRedirect(request.getContextPath() + ENROLMENT_PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean open(String uri) {
        return OPEN_PATHS.contains(uri) || OPEN_PREFIXES.stream().anyMatch(uri::startsWith);
    }
}
