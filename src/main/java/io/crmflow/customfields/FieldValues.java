package io.crmflow.customfields;

import io.crmflow.platform.web.ApiProblem.FieldError;
import io.crmflow.shared.EmailAddresses;
import io.crmflow.shared.PhoneNumbers;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Checks one value against its field and returns the stored form: numbers as {@link BigDecimal}, dates as
 * {@code yyyy-MM-dd}, date-times as UTC ISO instants, emails lower-cased, phones E.164, multi-selects as lists.
 * Strings are accepted for every type (what imports give).
 */
final class FieldValues {

    private FieldValues() {}

    /** The stored value, or null after adding why not to {@code errors}. */
    static @Nullable Object check(CustomField field, Object value, String path, List<FieldError> errors) {
        try {
            return switch (field.fieldType()) {
                case TEXT -> text(field, value, 1000);
                case LONG_TEXT -> text(field, value, 20000);
                case NUMBER, CURRENCY -> number(field, value);
                case DATE -> LocalDate.parse(string(value).strip()).toString();
                case DATE_TIME -> dateTime(string(value).strip());
                case BOOLEAN -> bool(value);
                case SELECT -> option(field, string(value));
                case MULTI_SELECT -> options(field, value);
                case URL -> url(string(value));
                case EMAIL ->
                    EmailAddresses.normalize(string(value))
                            .orElseThrow(() -> new IllegalArgumentException("is not an email address"));
                case PHONE ->
                    PhoneNumbers.toE164(string(value), null)
                            .orElseThrow(
                                    () -> new IllegalArgumentException("is not a phone number with its country code"));
            };
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(
                    path,
                    field.fieldType() == FieldType.DATE
                            ? "is not a date (yyyy-mm-dd)"
                            : "is not a date-time (ISO 8601 with offset)"));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, e.getMessage()));
        }
        return null;
    }

    private static String string(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("must be a string");
    }

    private static String text(CustomField field, Object value, int hardMax) {
        String s = string(value);
        int max = Math.min(hardMax, intRule(field, "max", hardMax));
        int min = intRule(field, "min", 0);
        if (s.length() > max || s.length() < min) {
            throw new IllegalArgumentException("must be " + min + " to " + max + " characters");
        }
        Object pattern = field.validation().get("pattern");
        if (pattern instanceof String p && !s.isEmpty()) {
            try {
                if (!Pattern.compile(p).matcher(s).matches()) {
                    throw new IllegalArgumentException("does not match the pattern " + p);
                }
            } catch (PatternSyntaxException e) {
                // a broken pattern was refused when the field was saved; ignore it rather than block data entry
            }
        }
        return s;
    }

    private static BigDecimal number(CustomField field, Object value) {
        BigDecimal n;
        try {
            n = value instanceof Number num
                    ? new BigDecimal(num.toString())
                    : new BigDecimal(string(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number");
        }
        if (field.validation().get("min") instanceof Number min && n.compareTo(new BigDecimal(min.toString())) < 0) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        if (field.validation().get("max") instanceof Number max && n.compareTo(new BigDecimal(max.toString())) > 0) {
            throw new IllegalArgumentException("must be at most " + max);
        }
        return n.stripTrailingZeros().scale() < 0 ? n.setScale(0) : n.stripTrailingZeros();
    }

    private static String dateTime(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().toString();
        } catch (DateTimeParseException e) {
            return Instant.parse(s).toString();
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (string(value).strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "on" -> true;
            case "false", "no", "n", "0", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static String option(CustomField field, String value) {
        for (String option : field.options()) {
            if (option.equalsIgnoreCase(value.strip())) {
                return option;
            }
        }
        throw new IllegalArgumentException("must be one of " + field.options());
    }

    private static List<String> options(CustomField field, Object value) {
        List<?> given =
                value instanceof List<?> list ? list : List.of(string(value).split("[;,]"));
        var chosen = new LinkedHashSet<String>();
        for (Object one : given) {
            String s = string(one);
            if (!s.isBlank()) {
                chosen.add(option(field, s));
            }
        }
        return new ArrayList<>(chosen);
    }

    private static String url(String value) {
        String s = value.strip();
        try {
            URI uri = URI.create(s);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && s.length() <= 2000) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new IllegalArgumentException("is not an http(s) URL");
    }

    private static int intRule(CustomField field, String rule, int otherwise) {
        return field.validation().get(rule) instanceof Number n ? n.intValue() : otherwise;
    }

    static boolean isBlank(@Nullable Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof List<?> l && l.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }
}
