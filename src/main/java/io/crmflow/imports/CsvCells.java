package io.crmflow.imports;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells as written by exports and error reports (RFC 4180 quoting). A value a spreadsheet would run as a
 * formula (starting with {@code = + - @}, tab or CR) gets a leading {@code '} so it is shown as text (OWASP CSV
 * injection advice).
 */
final class CsvCells {

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

    /** The value with a leading {@code '} if a spreadsheet would read it as a formula. */
    static String defuse(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
