package io.crmflow.records;

import java.util.ArrayList;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * Marks the words of a search in a text for a list page: the text is HTML-escaped piece by piece and only the
 * matches are wrapped in {@code <mark>}, so the result is safe to render unescaped.
 */
public final class Highlight {

    private Highlight() {}

    public static String html(@Nullable String text, @Nullable String q) {
        if (text == null) {
            return "";
        }
        var terms = new ArrayList<String>();
        if (q != null) {
            for (String t : q.toLowerCase(Locale.ROOT).split("[\\s,;]+")) {
                if (!t.isBlank()) {
                    terms.add(t);
                }
            }
        }
        if (terms.isEmpty()) {
            return HtmlUtils.htmlEscape(text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            return HtmlUtils.htmlEscape(text);
        }
        boolean[] marked = new boolean[text.length()];
        for (String term : terms) {
            for (int at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
                for (int i = at; i < at + term.length(); i++) {
                    marked[i] = true;
                }
            }
        }
        var out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && marked[j] == marked[i]) {
                j++;
            }
            String piece = HtmlUtils.htmlEscape(text.substring(i, j));
            out.append(marked[i] ? "<mark>" + piece + "</mark>" : piece);
            i = j;
        }
        return out.toString();
    }
}
