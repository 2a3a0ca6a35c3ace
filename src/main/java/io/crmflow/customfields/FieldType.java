package io.crmflow.customfields;

import java.util.Locale;

/** The kinds of custom field, with their names in the API ({@code long_text}, {@code multi_select}, …). */
public enum FieldType {
    TEXT,
    LONG_TEXT,
    NUMBER,
    CURRENCY,
    DATE,
    DATE_TIME,
    BOOLEAN,
    SELECT,
    MULTI_SELECT,
    URL,
    EMAIL,
    PHONE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FieldType of(String apiName) {
        return valueOf(apiName.toUpperCase(Locale.ROOT));
    }

    /** Numbers sort and range-filter on the numeric column; the rest on text (ISO dates sort as text). */
    public boolean numeric() {
        return this == NUMBER || this == CURRENCY;
    }
}
