package io.crmflow.imports;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells as written by exports and error reports (RFC 4180 quoting). A value a spreadsheet would run as a
 * formula (starting with {@code = + - @}, tab or CR) gets a leading {@code '} so it is shown as text (OWASP CSV
 * injection advice), except plain and phone numbers.
 */
final class CsvCells {

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("^[+-]?[0-9][0-9 ./()-]*$");

    private CsvCells() {}

    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = defuse(value);
        boolean quote = safe.indexOf(',') >= 0
                || safe.indexOf('"') >= 0
                || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0
                || safe.indexOf(';') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /**
     * The value with a leading {@code '} if a spreadsheet would read it as a formula. Plain numbers and phone numbers
     * ({@code +4930123456}, {@code -12.5}) stay as they are: they hold no function call, and a quote would spoil them.
     */
    static String defuse(String value) {
        if (value.isEmpty() || NUMBER.matcher(value).matches()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
