package io.crmflow.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

/**
 * A table written as it is produced, row by row, never held whole: CSV (UTF-8 with a BOM so that spreadsheet
 * programs read it as UTF-8, CRLF lines) or XLSX (fastexcel, flushing every {@value #FLUSH_EVERY} rows). Every cell a
 * spreadsheet would run as a formula is written as text with a leading {@code '} ({@link CsvCells#defuse}).
 */
interface ExportWriter extends AutoCloseable {

    int FLUSH_EVERY = 1000;

    void row(List<@Nullable String> cells) throws IOException;

    @Override
    void close() throws IOException;

    static ExportWriter csv(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        return new ExportWriter() {
            @Override
            public void row(List<@Nullable String> cells) throws IOException {
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        writer.write(',');
                    }
                    writer.write(CsvCells.cell(cells.get(i)));
                }
                writer.write("\r\n");
            }

            @Override
            public void close() throws IOException {
                writer.flush();
            }
        };
    }

    static ExportWriter xlsx(OutputStream out, String sheetName) {
        Workbook workbook = new Workbook(out, "CRMFlow", "1.0");
        Worksheet sheet = workbook.newWorksheet(sheetName);
        return new ExportWriter() {
            private int row;

            @Override
            public void row(List<@Nullable String> cells) throws IOException {
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (value != null && !value.isEmpty()) {
                        sheet.value(row, c, CsvCells.defuse(value));
                    }
                }
                if (row == 0) {
                    sheet.style(0, 0).bold().set();
                }
                row++;
                if (row % FLUSH_EVERY == 0) {
                    sheet.flush();
                }
            }

            @Override
            public void close() throws IOException {
                workbook.finish();
            }
        };
    }
}
