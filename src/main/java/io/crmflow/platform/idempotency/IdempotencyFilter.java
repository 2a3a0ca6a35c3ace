package io.crmflow.platform.idempotency;

import io.crmflow.platform.tenancy.TenantPrincipal;
import io.crmflow.platform.web.Problems;
import io.crmflow.shared.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on POST under {@code /api/}: the first response for a key (per workspace and caller) is
 * kept 24 h and replayed to retries with the same body; the same key with another body is 422; a retry while the
 * first is still running is 409. A first attempt that failed on our side (5xx) releases the key. Runs after
 * authentication, inside the caller's workspace; requests without a workspace (sign-up, sign-in) are not covered.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final IdempotencyStore store;

    IdempotencyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/api/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !(authentication.getPrincipal() instanceof TenantPrincipal principal)
                || principal.workspaceId() == null) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > 255) {
            Problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid_idempotency_key",
                    "Idempotency-Key must have 1 to 255 characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        byte[] hash = Tokens.sha256(
                request.getRequestURI() + query + "\n" + HexFormat.of().formatHex(Tokens.sha256(body)));
        String caller = authentication.getClass().getSimpleName() + ":" + authentication.getName();

        var earlier = store.claim(caller, key, hash);
        if (earlier.isPresent()) {
            answerFromEarlier(earlier.get(), hash, request, response);
            return;
        }
        var recording = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBody(request, body), recording);
        } catch (IOException | ServletException | RuntimeException e) {
            store.release(caller, key);
            throw e;
        }
        if (recording.getStatus() >= 500) {
            store.release(caller, key);
        } else {
            store.complete(
                    caller, key, recording.getStatus(), recording.getContentType(), recording.getContentAsByteArray());
        }
        recording.copyBodyToResponse();
    }

    private static void answerFromEarlier(
            IdempotencyStore.Earlier earlier, byte[] hash, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!earlier.sameRequest(hash)) {
            Problems.write(
                    request,
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request");
        } else if (!"DONE".equals(earlier.state())) {
            Problems.write(
                    request,
                    response,
                    HttpStatus.CONFLICT,
                    "idempotency_in_progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        } else {
            response.setStatus(earlier.status());
            if (earlier.type() != null) {
                response.setContentType(earlier.type());
            }
            response.setHeader("Idempotent-Replayed", "true");
            if (earlier.body() != null) {
                response.getOutputStream().write(earlier.body());
            }
        }
    }

    /** The request with its body already read (to hash it), readable again by the controller. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }
    }
}
