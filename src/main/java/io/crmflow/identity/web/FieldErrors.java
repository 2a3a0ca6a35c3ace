package io.crmflow.identity.web;

import io.crmflow.platform.web.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;

/** A problem's field errors as {@code field → message}, for showing next to form inputs. */
final class FieldErrors {

    private FieldErrors() {}

    /** The problem as one sentence for a flash message: its detail, or each invalid field with its message. */
    static String describe(ApiProblem problem) {
        return problem.errors().isEmpty()
                ? problem.getMessage()
                : problem.errors().stream()
                        .map(e -> e.field() + " " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(problem.getMessage());
    }

    static Map<String, String> of(ApiProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.errors().forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        return errors;
    }
}
