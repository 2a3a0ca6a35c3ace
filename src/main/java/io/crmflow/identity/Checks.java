package io.crmflow.identity;

import io.crmflow.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Collects every invalid field of a command, so one answer lists them all. */
final class Checks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;

    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    Checks email(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiProblem.FieldError(field, "is required"));
        } else if (value.length() > 254 || !EMAIL.matcher(value.trim()).matches()) {
            errors.add(new ApiProblem.FieldError(field, "is not a valid email address"));
        }
        return this;
    }

    Checks password(String field, @Nullable String value) {
        if (value == null || value.length() < MIN_PASSWORD) {
            errors.add(new ApiProblem.FieldError(field, "must have at least " + MIN_PASSWORD + " characters"));
        } else if (value.length() > MAX_PASSWORD) {
            errors.add(new ApiProblem.FieldError(field, "must have at most " + MAX_PASSWORD + " characters"));
        }
        return this;
    }

    Checks text(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiProblem.FieldError(field, "is required"));
        } else if (value.trim().length() > max) {
            errors.add(new ApiProblem.FieldError(field, "must have at most " + max + " characters"));
        }
        return this;
    }

    Checks require(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new ApiProblem.FieldError(field, message));
        }
        return this;
    }

    void orThrow() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
