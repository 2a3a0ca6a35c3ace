package io.crmflow.identity.web;

import io.crmflow.platform.web.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;

/** A problem's field errors as {@code field → message}, for showing next to form inputs. */
final class FieldErrors {

    private FieldErrors() {}

    static Map<String, String> of(ApiProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.errors().forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        return errors;
    }
}
