package io.crmflow.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Rows for {@code COPY … FROM STDIN} (text format) into a temporary staging table. COPY FROM cannot write into a
 * table under row level security, so imports COPY into staging and then INSERT/UPDATE the real table from it.
 */
final class Copy {

    private final StringBuilder out = new StringBuilder(1 << 16);
    private boolean rowStarted;

    Copy text(@Nullable String value) {
        separator();
        if (value == null) {
            out.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    Copy id(@Nullable UUID value) {
        return text(value == null ? null : value.toString());
    }

    Copy array(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String v = values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return text(literal.append('}').toString());
    }

    void endRow() {
        out.append('\n');
        rowStarted = false;
    }

    private void separator() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    boolean isEmpty() {
        return out.isEmpty();
    }

    /** Sends the rows with {@code copy <table> (<columns>) from stdin}; returns how many were copied. */
    long into(Connection connection, String tableAndColumns) throws SQLException {
        try (Reader rows = new StringReader(out.toString())) {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + tableAndColumns + " from stdin", rows);
        } catch (IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }
}
