package io.crmflow.records;

import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns what a user typed into a safe {@code to_tsquery('simple', …)} text: each word a quoted prefix lexeme. */
public final class SearchTerms {

    private static final Pattern SPACE = Pattern.compile("\\s+");

    private SearchTerms() {}

    /** {@code "Jo Smi"} → {@code 'jo':* & 'smi':*}; empty if nothing searchable is left. */
    public static String prefixQuery(String q) {
        var terms = new ArrayList<String>();
        for (String word : SPACE.split(q.toLowerCase(Locale.ROOT).strip())) {
            String clean = word.replaceAll("[^\\p{L}\\p{N}@._+-]", "");
            clean = clean.replaceAll("^[._+-]+|[._+-]+$", "");
            if (!clean.isEmpty() && terms.size() < 8) {
                terms.add("'" + clean + "':*");
            }
        }
        return String.join(" & ", terms);
    }
}
