package io.crmflow.imports;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jspecify.annotations.Nullable;

/**
 * The first sheet of an XLSX file, streamed row by row by fastexcel-reader (from a file: the reader seeks in the zip
 * instead of holding it in memory). Formula cells give their cached value; numbers their plain decimal text.
 */
final class XlsxSource implements TabularSource {

    private final ReadableWorkbook workbook;
    private final Stream<Row> rows;
    private final Iterator<Row> iterator;

    XlsxSource(File file) throws IOException {
        this.workbook = new ReadableWorkbook(file);
        this.rows = workbook.getFirstSheet().openStream();
        this.iterator = rows.iterator();
    }

    @Override
    public @Nullable SourceRow next() throws IOException {
        try {
            while (iterator.hasNext()) {
                Row row = iterator.next();
                List<String> cells = new ArrayList<>(row.getCellCount());
                boolean any = false;
                for (int i = 0; i < row.getCellCount(); i++) {
                    String text = text(row.getCell(i));
                    any |= !text.isEmpty();
                    cells.add(text);
                }
                if (any) {
                    return new SourceRow(row.getRowNum(), cells, null);
                }
            }
            return null;
        } catch (RuntimeException e) {
            throw new IOException("The XLSX file cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(@Nullable Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal number = cell.asNumber();
            return number == null ? "" : number.stripTrailingZeros().toPlainString();
        }
        String raw = cell.getType() == CellType.STRING || cell.getType() == CellType.FORMULA
                ? cell.getText()
                : cell.getRawValue();
        return raw == null ? "" : raw;
    }

    @Override
    public void close() throws IOException {
        rows.close();
        workbook.close();
    }
}
