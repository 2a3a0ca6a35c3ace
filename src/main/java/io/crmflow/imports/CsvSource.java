package io.crmflow.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A streaming RFC 4180 reader: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and CR
 * end records. Memory is bounded by {@code maxRecordChars}: a longer record is skipped to its end (never buffered)
 * and reported as an error, as is a quote left open at the end of the file; the records before either are intact.
 * Blank lines are skipped (they still count as rows, as in a spreadsheet).
 */
final class CsvSource implements TabularSource {

    private static final int EOF = -1;

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long row;
    private long line = 1;
    private boolean ended;
    private long quoteLine;

    CsvSource(Reader in, char delimiter, int maxRecordChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public @Nullable SourceRow next() throws IOException {
        while (!ended) {
            SourceRow record = record();
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    /** Reads one record; null for a blank line or the end of the file. */
    private @Nullable SourceRow record() throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long number = ++row;
        int chars = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean any = false;
        String error = null;
        while (true) {
            int c = read();
            if (c == EOF) {
                ended = true;
                if (quoted) {
                    cells.add(field.toString());
                    return new SourceRow(
                            number,
                            cells,
                            "unclosed quote: the field opened on line " + quoteLine + " runs to the end of the file");
                }
                if (!any) {
                    return null;
                }
                cells.add(field.toString());
                return finish(number, cells, chars, error);
            }
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        chars = append(field, '"', chars);
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    chars = append(field, (char) c, chars);
                }
                continue;
            }
            if (c == delimiter) {
                cells.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                if (cells.isEmpty() && field.isEmpty() && !afterQuote) {
                    return null; // blank line
                }
                cells.add(field.toString());
                return finish(number, cells, chars, error);
            }
            if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
                quoteLine = line;
                continue;
            }
            if (afterQuote && error == null) {
                error = "unexpected character after a closing quote (a quote inside a quoted field must be doubled)";
            }
            chars = append(field, (char) c, chars);
        }
    }

    private SourceRow finish(long number, List<String> cells, int chars, @Nullable String error) {
        if (chars > maxRecordChars) {
            return new SourceRow(number, List.of(), "row is longer than " + maxRecordChars + " characters: skipped");
        }
        return new SourceRow(number, cells, error);
    }

    /** Appends while the record is within the cap; past it only counts, so a huge line costs no memory. */
    private int append(StringBuilder field, char c, int chars) {
        if (chars < maxRecordChars) {
            field.append(c);
        } else if (chars == maxRecordChars) {
            field.setLength(0);
            field.trimToSize();
        }
        return chars == Integer.MAX_VALUE ? chars : chars + 1;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
