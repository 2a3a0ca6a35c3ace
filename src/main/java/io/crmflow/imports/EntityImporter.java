package io.crmflow.imports;

import io.crmflow.imports.TabularSource.SourceRow;
import java.sql.SQLException;
import java.util.List;

/** Imports the rows of one entity: {@link #plan} reads and checks a batch, {@link #write} stores it. */
interface EntityImporter {

    /** {@code contact} or {@code company}. */
    String entity();

    /** Reads, checks and matches the rows (reads the database, writes nothing); with {@code preview}, per row. */
    Batch<?> plan(ImportSettings settings, ImportContext context, List<SourceRow> rows, boolean preview);

    /** Writes a planned batch in the current transaction. */
    void write(ImportSettings settings, ImportContext context, Batch<?> batch) throws SQLException;
}
