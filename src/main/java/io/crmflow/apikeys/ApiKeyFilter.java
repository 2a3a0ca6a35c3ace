package io.crmflow.apikeys;

import io.crmflow.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Authenticates {@code /api/**} requests that carry an {@code Authorization} header, and only by it: a bad,
 * unknown, expired or revoked key is a 401 {@code invalid_api_key}, never a fallback to the session cookie sent
 * alongside. A key outside its scopes is a 403 {@code insufficient_scope}. Runs before the CSRF filter, which then
 * skips exactly the requests a valid key authenticated. The authorities are the creator's current role (so the
 * role rules still apply) and the key's scopes.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String AUTHENTICATED_ATTRIBUTE = ApiKeyFilter.class.getName() + ".authenticated";
    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthentication keys;

    ApiKeyFilter(ApiKeyAuthentication keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the decoded path, as Spring MVC will match it: /%61pi/… is /api/… too
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null
                || !UrlPathHelper.defaultInstance
                        .getPathWithinApplication(request)
                        .startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> headers = java.util.Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        String header = headers.getFirst();
        if (headers.size() != 1 || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "Send one header: Authorization: Bearer crm_…");
            return;
        }
        var found = keys.authenticate(header.substring(BEARER.length()).strip(), request.getRemoteAddr());
        if (found.isEmpty()) {
            refuse(request, response, "The API key is unknown, revoked or expired");
            return;
        }
        var principal = found.get().principal();
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        if (!Scopes.allow(principal.scopes(), request.getMethod(), path)) {
            Problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "insufficient_scope",
                    "This API key's scopes do not allow " + request.getMethod() + " " + path);
            return;
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_API_KEY"));
        authorities.add(new SimpleGrantedAuthority(found.get().creatorRole().authority()));
        principal.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        SecurityContextHolder.setContext(new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities)));
        request.setAttribute(AUTHENTICATED_ATTRIBUTE, principal.keyId());
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid_api_key", detail);
    }
}
