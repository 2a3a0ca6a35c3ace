package io.crmflow.imports;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How an uploaded file is read: {@code xlsx} (by its zip signature), or {@code csv} with an encoding (a BOM names
 * UTF-8 or UTF-16; else valid UTF-8 in the first MiB means UTF-8, anything else windows-1252) and a delimiter
 * ({@code ,} {@code ;} or tab, whichever the header line holds most of outside quotes).
 */
record SourceFormat(
        String format, @Nullable String encoding, @Nullable String delimiter) {

    static final int SAMPLE = 1 << 20;

    static SourceFormat detect(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new SourceFormat("xlsx", null, null);
        }
        String encoding = encoding(head);
        String text = new String(head, Charset.forName(encoding));
        return new SourceFormat("csv", encoding, String.valueOf(delimiter(text)));
    }

    private static String encoding(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return "UTF-8";
        }
        if (head.length >= 2
                && (((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE)
                        || ((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF))) {
            return "UTF-16";
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // a full sample may end inside a multi-byte sequence: that is not an error (endOfInput false)
        CoderResult result =
                utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length + 1), head.length < SAMPLE);
        return result.isError() ? "windows-1252" : "UTF-8";
    }

    private static char delimiter(String text) {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> comma++;
                    case ';' -> semicolon++;
                    case '\t' -> tab++;
                    default -> {}
                }
            }
        }
        if (tab > comma && tab >= semicolon) {
            return '\t';
        }
        return semicolon > comma ? ';' : ',';
    }

    /** A display name of the delimiter. */
    String delimiterName() {
        if (delimiter == null) {
            return "";
        }
        return switch (delimiter) {
            case "\t" -> "tab";
            case ";" -> "semicolon";
            default -> "comma";
        };
    }

    /** Opens a CSV stream (its bytes from the start) as records. */
    TabularSource openCsv(InputStream bytes, int maxRecordChars) throws IOException {
        InputStream in = bytes;
        if ("UTF-8".equals(encoding)) {
            in = new java.io.BufferedInputStream(bytes);
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
                in.reset();
            }
        }
        CharsetDecoder decoder = Charset.forName(encoding == null ? "UTF-8" : encoding)
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new CsvSource(
                new InputStreamReader(in, decoder), delimiter == null ? ',' : delimiter.charAt(0), maxRecordChars);
    }

    /** Opens the file in this format. */
    TabularSource open(File file, int maxRecordChars) throws IOException {
        if (format.equals("xlsx")) {
            return new XlsxSource(file);
        }
        return openCsv(new java.io.FileInputStream(file), maxRecordChars);
    }
}
