package io.crmflow.imports;

import io.crmflow.contacts.ContactView;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Contacts as vCard 4.0 (RFC 6350): UID, FN, N, EMAIL and TEL (the primary one with {@code PREF=1}), TITLE, ADR,
 * CATEGORIES, REV. Text values are escaped (backslash, comma, semicolon, newline) and lines folded at 75 octets.
 */
final class VCards {

    private static final DateTimeFormatter REV =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private VCards() {}

    static void write(ContactView c, Writer out) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCARD");
        lines.add("VERSION:4.0");
        lines.add("UID:urn:uuid:" + c.id());
        lines.add("FN:" + text(c.name()));
        lines.add("N:" + text(nullToEmpty(c.lastName())) + ";" + text(nullToEmpty(c.firstName())) + ";;;");
        for (int i = 0; i < c.emails().size(); i++) {
            lines.add(
                    "EMAIL" + (i == 0 ? ";PREF=1" : "") + ":" + text(c.emails().get(i)));
        }
        for (int i = 0; i < c.phones().size(); i++) {
            lines.add("TEL;VALUE=uri" + (i == 0 ? ";PREF=1" : "") + ":tel:"
                    + c.phones().get(i));
        }
        if (c.jobTitle() != null) {
            lines.add("TITLE:" + text(c.jobTitle()));
        }
        Map<String, Object> a = c.address();
        if (!a.isEmpty()) {
            lines.add("ADR:;;" + part(a, "street") + ";" + part(a, "city") + ";" + part(a, "region") + ";"
                    + part(a, "postalCode") + ";" + part(a, "country"));
        }
        if (!c.tags().isEmpty()) {
            lines.add("CATEGORIES:"
                    + String.join(",", c.tags().stream().map(VCards::text).toList()));
        }
        lines.add("REV:" + REV.format(c.updatedAt()));
        lines.add("END:VCARD");
        for (String line : lines) {
            out.write(fold(line));
        }
    }

    private static String part(Map<String, Object> address, String key) {
        Object value = address.get(key);
        return value == null ? "" : text(value.toString());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** RFC 6350 3.4: backslash, comma, semicolon and newlines escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(",", "\\,")
                .replace(";", "\\;")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** RFC 6350 3.2: lines longer than 75 octets continue on lines starting with a space; CRLF ends each. */
    static String fold(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            return line + "\r\n";
        }
        StringBuilder folded = new StringBuilder();
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                folded.append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }
            folded.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        return folded.append("\r\n").toString();
    }
}
