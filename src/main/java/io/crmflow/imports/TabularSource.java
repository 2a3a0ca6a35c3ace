package io.crmflow.imports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The records of an uploaded file, read one at a time: the first record is the header line. */
interface TabularSource extends Closeable {

    /**
     * One record. {@code number} is its row in the file as a spreadsheet counts them (the header is row 1);
     * {@code error} says why the record could not be read (then {@code cells} may be incomplete).
     */
    record SourceRow(
            long number, List<String> cells, @Nullable String error) {}

    /** The next record, or null at the end of the file. */
    @Nullable
    SourceRow next() throws IOException;
}
