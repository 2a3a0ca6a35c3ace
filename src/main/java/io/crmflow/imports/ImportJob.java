package io.crmflow.imports;

import io.crmflow.imports.ImportRepository.ImportRow;
import io.crmflow.imports.TabularSource.SourceRow;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.jobs.JobHandler;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an import: streams the stored file, and for each batch of rows, in one transaction, checks the cancel flag,
 * writes the records, the row errors and the new counters ({@code processed_rows} is the resume point). A run on
 * another node after a crash skips the rows already counted, so every row is imported once. The last attempt that
 * fails (or a file that cannot be read) ends the import as {@code failed}.
 */
@Component
class ImportJob implements JobHandler {

    static final String KIND = "imports.run";
    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);

    private final ImportRepository imports;
    private final ImportFiles files;
    private final Map<String, EntityImporter> importers;
    private final JsonMapper json;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;

    ImportJob(
            ImportRepository imports,
            ImportFiles files,
            List<EntityImporter> importers,
            JsonMapper json,
            AuditLog audit,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${crmflow.imports.batch-size}") int batchSize,
            @Value("${crmflow.jobs.max-attempts}") int maxAttempts) {
        this.imports = imports;
        this.files = files;
        this.importers =
                importers.stream().collect(Collectors.toUnmodifiableMap(EntityImporter::entity, Function.identity()));
        this.json = json;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String payload) throws Exception {
        run(UUID.fromString(payload), Integer.MAX_VALUE);
    }

    /** Runs at most {@code maxBatches} batches (tests stop a run early); true once the import has ended. */
    boolean run(UUID id, int maxBatches) throws Exception {
        ImportRow row = tx.execute(status -> imports.find(id).orElse(null));
        if (row == null || row.ended()) {
            return true;
        }
        if (!Boolean.TRUE.equals(tx.execute(status -> imports.begin(id, Instant.now(clock))))) {
            return true;
        }
        try {
            return process(row, maxBatches);
        } catch (Exception e) {
            boolean unreadable = e instanceof IOException || e instanceof org.springframework.web.ErrorResponse;
            if (unreadable || row.attempts() + 1 >= maxAttempts) {
                log.warn("Import {} failed", id, e);
                end(row, "failed", describe(e));
                return true;
            }
            throw e;
        }
    }

    private boolean process(ImportRow row, int maxBatches) throws IOException {
        EntityImporter importer = importers.get(row.entity());
        ImportContext context = files.context(row.entity());
        ImportSettings settings = settings(row, context);
        try (var file = files.open(row)) {
            if (row.totalRows() == null) {
                long total = count(file);
                tx.executeWithoutResult(status -> imports.total(row.id(), total));
            }
            try (TabularSource source = file.source()) {
                source.next(); // the header line
                long done = row.processedRows();
                long seen = 0;
                int batches = 0;
                List<SourceRow> batch = new ArrayList<>(batchSize);
                for (SourceRow r = source.next(); r != null; r = source.next()) {
                    if (seen++ < done) {
                        continue;
                    }
                    batch.add(r);
                    if (batch.size() == batchSize) {
                        if (!flush(row, settings, context, importer, batch, done)) {
                            return true;
                        }
                        done += batch.size();
                        batch.clear();
                        if (++batches >= maxBatches) {
                            return false;
                        }
                    }
                }
                if (!batch.isEmpty() && !flush(row, settings, context, importer, batch, done)) {
                    return true;
                }
            }
        }
        end(row, "completed", null);
        return true;
    }

    private ImportSettings settings(ImportRow row, ImportContext context) {
        Map<String, String> mapping = json.readValue(row.mapping(), new TypeReference<Map<String, String>>() {});
        String[] columns = Targets.resolve(
                row.entity(), row.headers(), mapping, context.custom().fields().keySet());
        return new ImportSettings(
                row.entity(), row.mode(), row.matchBy(), row.headers(), columns, row.defaultRegion(), row.createdBy());
    }

    private long count(ImportFiles.Opened file) throws IOException {
        long rows = 0;
        try (TabularSource source = file.source()) {
            if (source.next() == null) {
                return 0;
            }
            while (source.next() != null) {
                rows++;
            }
        }
        return rows;
    }

    /** Writes one batch with its errors and counters; false when the import was cancelled (or ended elsewhere). */
    private boolean flush(
            ImportRow row,
            ImportSettings settings,
            ImportContext context,
            EntityImporter importer,
            List<SourceRow> batch,
            long done) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            ImportRow current = imports.lock(row.id()).orElseThrow();
            if (current.ended()) {
                return false;
            }
            if (current.cancelRequested()) {
                finish(current, "cancelled", null);
                return false;
            }
            if (current.processedRows() != done) {
                throw new IllegalStateException("Import " + row.id() + " was advanced by another run");
            }
            imports.planForParameters();
            long t0 = System.nanoTime();
            Batch<?> planned = importer.plan(settings, context, batch, false);
            long t1 = System.nanoTime();
            try {
                importer.write(settings, context, planned);
                log.debug(
                        "Import batch: read and matched in {} ms, written in {} ms",
                        (t1 - t0) / 1_000_000,
                        (System.nanoTime() - t1) / 1_000_000);
            } catch (SQLException e) {
                throw new IllegalStateException("Writing a batch of import " + row.id() + " failed", e);
            }
            imports.insertErrors(context.tenant(), row.id(), planned.errors);
            long errorRows =
                    planned.errors.stream().mapToLong(RowError::row).distinct().count();
            imports.advance(row.id(), batch.size(), planned.created, planned.updated, errorRows);
            return true;
        }));
    }

    private void end(ImportRow row, String status, @Nullable String failure) {
        tx.executeWithoutResult(s -> {
            ImportRow current = imports.lock(row.id()).orElseThrow();
            if (!current.ended()) {
                finish(current, status, failure);
            }
        });
    }

    private void finish(ImportRow current, String status, @Nullable String failure) {
        imports.finish(current, status, failure, Instant.now(clock), audit);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
