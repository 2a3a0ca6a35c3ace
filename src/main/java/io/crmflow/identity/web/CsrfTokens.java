package io.crmflow.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Pages and {@code GET /api/v1/auth/csrf} hand out masked tokens (BREACH-safe); scripts may also send the raw
 * value of the {@code XSRF-TOKEN} cookie. Both are accepted, from the {@code X-XSRF-TOKEN} header or the
 * {@code _csrf} form field.
 */
final class CsrfTokens implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String sent = plain.resolveCsrfTokenValue(request, token);
        if (sent != null && sent.equals(token.getToken())) {
            return sent;
        }
        return masked.resolveCsrfTokenValue(request, token);
    }
}
