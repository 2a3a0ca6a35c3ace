package io.crmflow.imports;

import org.jspecify.annotations.Nullable;

/** Why one row (or one cell of it, named by its header) was not imported. */
record RowError(long row, @Nullable String column, String message) {}
