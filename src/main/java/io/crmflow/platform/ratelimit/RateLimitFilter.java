package io.crmflow.platform.ratelimit;

import io.crmflow.platform.tenancy.TenantPrincipal;
import io.crmflow.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Draws one token per request from the caller's bucket: the API key's, else the signed-in user's, else the client
 * IP's; sign-in, sign-up and password reset draw from a stricter per-IP bucket. Answers carry the IETF draft's
 * {@code RateLimit-Policy} and {@code RateLimit} headers; refusals are 429 problems with {@code Retry-After}.
 * The client IP is the connection's address unless forwarded headers are trusted explicitly
 * ({@code CRMFLOW_FORWARD_HEADERS_STRATEGY}).
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> AUTH_PATHS = Set.of(
            "/api/v1/auth/signin",
            "/api/v1/auth/signup",
            "/api/v1/auth/password-reset",
            "/api/v1/auth/password-reset/confirm",
            "/signin",
            "/signup",
            "/signin/two-factor",
            "/forgot-password");

    private final RateLimitProperties properties;
    private final RateLimitStore store;
    private final Function<UUID, @Nullable String> planOfWorkspace;
    private final MeterRegistry meters;

    RateLimitFilter(
            RateLimitProperties properties,
            RateLimitStore store,
            Function<UUID, @Nullable String> planOfWorkspace,
            MeterRegistry meters) {
        this.properties = properties;
        this.store = store;
        this.planOfWorkspace = planOfWorkspace;
        this.meters = meters;
    }

    /** Which bucket a request draws from, and its limit. */
    record Policy(String name, String key, RateLimitProperties.Limit limit) {}

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !properties.enabled()
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/webjars/")
                || path.startsWith("/actuator/health")
                || path.equals("/favicon.svg");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Policy policy = policyFor(request);
        var probe = store.tryConsume(
                policy.key() + ":" + policy.limit().requests() + "/"
                        + policy.limit().window().toSeconds(),
                RateLimitStore.configuration(policy.limit()));
        long windowSeconds = policy.limit().window().toSeconds();
        response.setHeader(
                "RateLimit-Policy",
                "\"" + policy.name() + "\";q=" + policy.limit().requests() + ";w=" + windowSeconds);
        long resetSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForReset()) + 1);
        response.setHeader(
                "RateLimit", "\"" + policy.name() + "\";r=" + probe.getRemainingTokens() + ";t=" + resetSeconds);
        meters.counter(
                        "crmflow.ratelimit.requests",
                        "bucket",
                        policy.name(),
                        "outcome",
                        probe.isConsumed() ? "allowed" : "refused")
                .increment();
        if (!probe.isConsumed()) {
            long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
            Problems.write(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    "Too many requests. Try again in " + retryAfter + " second" + (retryAfter == 1 ? "" : "s") + ".");
            return;
        }
        chain.doFilter(request, response);
    }

    Policy policyFor(HttpServletRequest request) {
        String ip = request.getRemoteAddr();
        if ("POST".equals(request.getMethod()) && AUTH_PATHS.contains(request.getRequestURI())) {
            return new Policy("auth", "auth:" + ip, properties.auth());
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof TenantPrincipal principal) {
            boolean apiKey =
                    principal.actorLabel() != null && principal.actorLabel().startsWith("api_key:");
            RateLimitProperties.Limit limit = apiKey ? properties.apiKey() : properties.user();
            String plan = principal.workspaceId() == null ? null : planOfWorkspace.apply(principal.workspaceId());
            if (plan != null && properties.plans().containsKey(plan)) {
                limit = properties.plans().get(plan);
            }
            return apiKey
                    ? new Policy("api_key", principal.actorLabel(), limit)
                    : new Policy("user", "user:" + principal.userId(), limit);
        }
        return new Policy("anonymous", "ip:" + ip, properties.anonymous());
    }
}
