package io.crmflow.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Facts about the HTTP request being served, for audit rows and problem bodies. Empty outside a request. */
public record RequestInfo(
        @Nullable String requestId,
        @Nullable String ip,
        @Nullable String userAgent) {

    static final String REQUEST_ID_ATTRIBUTE = RequestInfo.class.getName() + ".requestId";
    private static final RequestInfo NONE = new RequestInfo(null, null, null);

    public static RequestInfo current() {
        return currentRequest().map(RequestInfo::of).orElse(NONE);
    }

    public static RequestInfo of(HttpServletRequest request) {
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > 400) {
            userAgent = userAgent.substring(0, 400);
        }
        return new RequestInfo((String) request.getAttribute(REQUEST_ID_ATTRIBUTE), request.getRemoteAddr(), userAgent);
    }

    private static Optional<HttpServletRequest> currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return Optional.of(attributes.getRequest());
        }
        return Optional.empty();
    }
}
