package io.crmflow.platform.web;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on, answered as {@code application/problem+json} with a stable {@code code}. Thrown
 * by services; the web layer turns it into RFC 9457 problem details.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldError> errors;
    private final @Nullable Duration retryAfter;

    /** One invalid input field. */
    public record FieldError(String field, String message) {}

    private ApiProblem(
            HttpStatus status, String code, String detail, List<FieldError> errors, @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiProblem of(HttpStatus status, String code, String detail) {
        return new ApiProblem(status, code, detail, List.of(), null);
    }

    /** The record does not exist in the caller's workspace (also for other workspaces' records: never 403). */
    public static ApiProblem notFound(String entity) {
        return of(HttpStatus.NOT_FOUND, "not_found", entity + " not found");
    }

    public static ApiProblem conflict(String code, String detail) {
        return of(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiProblem forbidden(String code, String detail) {
        return of(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields", errors, null);
    }

    public static ApiProblem tooManyRequests(String code, String detail, Duration retryAfter) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, code, detail, List.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One sentence for a person: the detail, or each invalid field with its message. */
    public String summary() {
        return errors.isEmpty()
                ? getMessage()
                : errors.stream()
                        .map(e -> e.field() + " " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow();
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
