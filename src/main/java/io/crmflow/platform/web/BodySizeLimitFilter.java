package io.crmflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses API bodies over {@code crmflow.web.max-body-size} with 413: by Content-Length up front, and by counting
 * for chunked bodies, so nobody can make the server buffer an unbounded JSON document. File uploads (multipart posts
 * to {@code crmflow.web.upload-paths}) have the larger {@code crmflow.web.max-upload-size}; their parts are spooled
 * to disk by the multipart resolver, never held in memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxUploadBytes;
    private final List<PathPattern> uploadPaths;

    BodySizeLimitFilter(
            @Value("${crmflow.web.max-body-size}") DataSize maxBodySize,
            @Value("${crmflow.web.max-upload-size}") DataSize maxUploadSize,
            @Value("${crmflow.web.upload-paths}") List<String> uploadPaths) {
        this.maxBytes = maxBodySize.toBytes();
        this.maxUploadBytes = maxUploadSize.toBytes();
        this.uploadPaths = uploadPaths.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    private long limitFor(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            var path = PathContainer.parsePath(request.getRequestURI());
            if (uploadPaths.stream().anyMatch(p -> p.matches(path))) {
                return maxUploadBytes;
            }
        }
        return maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            Problems.write(
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body_too_large",
                    "The request body is larger than " + limit + " bytes");
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long maxBytes;
        private long read;

        LimitedStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
