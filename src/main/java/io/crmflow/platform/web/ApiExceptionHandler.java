package io.crmflow.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every failure of a JSON endpoint into problem+json with a stable code; never a 500 for bad input. */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> handleApiProblem(ApiProblem problem, HttpServletRequest request) {
        ProblemDetail body = Problems.problem(problem.status(), problem.code(), problem.getMessage(), request);
        if (!problem.errors().isEmpty()) {
            body.setProperty("errors", Problems.fieldErrors(problem.errors()));
        }
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfter() != null) {
            headers.set(
                    HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return respond(body, headers);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(HttpServletRequest request) {
        return respond(
                Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this action", request),
                new HttpHeaders());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        ProblemDetail body = Problems.problem(
                HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields", request);
        body.setProperty(
                "errors", Problems.fieldErrors(List.of(new ApiProblem.FieldError(e.getName(), "has the wrong type"))));
        return respond(body, new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(
                Problems.problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal_error",
                        "Something went wrong on our side; nothing was changed",
                        request),
                new HttpHeaders());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.problem(
                HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields", servlet(request));
        body.setProperty(
                "errors",
                Problems.fieldErrors(e.getBindingResult().getFieldErrors().stream()
                        .map(f -> new ApiProblem.FieldError(f.getField(), String.valueOf(f.getDefaultMessage())))
                        .toList()));
        return respond(body, headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.problem(
                HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields", servlet(request));
        body.setProperty(
                "errors",
                Problems.fieldErrors(e.getParameterValidationResults().stream()
                        .flatMap(r -> r.getResolvableErrors().stream()
                                .map(err -> new ApiProblem.FieldError(
                                        String.valueOf(r.getMethodParameter().getParameterName()),
                                        String.valueOf(err.getDefaultMessage()))))
                        .toList()));
        return respond(body, headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodySizeLimitFilter.isTooLarge(e)) {
            return respond(
                    Problems.problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "body_too_large",
                            "The request body is larger than allowed",
                            servlet(request)),
                    headers);
        }
        return respond(
                Problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "malformed_body",
                        "The request body is not valid JSON of the expected shape",
                        servlet(request)),
                headers);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                body instanceof ProblemDetail given ? given : ProblemDetail.forStatusAndDetail(status, e.getMessage());
        Problems.decorate(problem, codeFor(status), servlet(request));
        return respond(problem, headers, status);
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase();
    }

    private static @Nullable HttpServletRequest servlet(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
    }

    private static ResponseEntity<Object> respond(ProblemDetail body, HttpHeaders headers) {
        return respond(body, headers, HttpStatusCode.valueOf(body.getStatus()));
    }

    private static ResponseEntity<Object> respond(ProblemDetail body, HttpHeaders headers, HttpStatusCode status) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.asMap(body));
    }
}
