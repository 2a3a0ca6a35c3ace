package io.crmflow.imports;

import io.crmflow.imports.ImportRepository.ImportRow;
import io.crmflow.imports.TabularSource.SourceRow;
import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.jobs.Jobs;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports of contacts and companies. {@link #start} checks the file's header and the mapping (bad input: 400 and
 * nothing stored), stores the file in 1 MiB chunks and queues the job, all in one transaction; the job does the rest
 * (see {@link ImportJob}). {@link #preview} reads the first rows the same way and writes nothing.
 */
@Service
public class Imports {

    static final int PREVIEW_ROWS = 20;
    private static final int CHUNK = 1 << 20;

    private final ImportRepository imports;
    private final ImportFiles files;
    private final ImportMappings mappings;
    private final Map<String, EntityImporter> importers;
    private final Jobs jobs;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Imports(
            ImportRepository imports,
            ImportFiles files,
            ImportMappings mappings,
            List<EntityImporter> importers,
            Jobs jobs,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.imports = imports;
        this.files = files;
        this.mappings = mappings;
        this.importers = importers.stream().collect(java.util.stream.Collectors.toMap(EntityImporter::entity, i -> i));
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** An uploaded file. */
    public record Upload(String fileName, long size, InputStreamSource content) {}

    /** The optional parts of an upload: mapping as JSON (header → field), mode, matchBy, defaultRegion. */
    public record Options(
            @Nullable String mapping,
            @Nullable String mode,
            @Nullable String matchBy,
            @Nullable String defaultRegion) {}

    public record ImportView(
            UUID id,
            String entity,
            String status,
            String mode,
            String matchBy,
            String fileName,
            long fileSize,
            String format,
            @Nullable Long totalRows,
            long processedRows,
            long createdCount,
            long updatedCount,
            long errorCount,
            @Nullable String failure,
            boolean cancelRequested,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {}

    public record CellError(@Nullable String column, String message) {}

    /** A row as it would be imported: {@code action} create or update (null when it has errors). */
    public record PreviewRow(long row, @Nullable String action, Map<String, String> values, List<CellError> errors) {}

    public record Preview(
            String format,
            @Nullable String encoding,
            @Nullable String delimiter,
            List<String> headers,
            Map<String, String> suggestedMapping,
            Map<String, String> mapping,
            @Nullable String savedMapping,
            String mode,
            String matchBy,
            List<PreviewRow> rows) {}

    /** "contacts"/"contact" → "contact", "companies"/"company" → "company"; else 400. */
    static String entity(@Nullable String given) {
        return switch (given == null ? "" : given) {
            case "contact", "contacts" -> "contact";
            case "company", "companies" -> "company";
            default -> throw ApiProblem.invalid("entity", "must be contact or company");
        };
    }

    /** Checks the file and options, stores the file and queues the import (202). */
    @Transactional
    public ImportView start(String entity, Upload upload, Options options) {
        return create(entity, upload, options, true);
    }

    /** As {@link #start}; without {@code enqueue} no job is queued (tests run the job themselves). */
    @Transactional
    ImportView create(String entity, Upload upload, Options options, boolean enqueue) {
        Inspected file = inspect(entity, upload, options, 0);
        UUID tenant = Tenancy.currentTenant().orElseThrow();
        UUID id = Ids.newId();
        var row = new ImportRow(
                id,
                entity,
                "queued",
                file.settings.mode(),
                file.settings.matchBy(),
                fileName(upload),
                upload.size(),
                file.format.format(),
                file.format.encoding(),
                file.format.delimiter(),
                file.settings.defaultRegion(),
                file.settings.headers(),
                json.writeValueAsString(file.mapping),
                null,
                0,
                0,
                0,
                0,
                null,
                false,
                0,
                Tenancy.current().userId(),
                Instant.now(clock),
                null,
                null);
        imports.insert(tenant, row);
        try (InputStream in = upload.content().getInputStream()) {
            int seq = 0;
            for (byte[] chunk = in.readNBytes(CHUNK); chunk.length > 0; chunk = in.readNBytes(CHUNK)) {
                imports.insertChunk(tenant, id, seq++, chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (enqueue) {
            jobs.enqueue(ImportJob.KIND, id.toString());
        }
        return view(imports.find(id).orElseThrow());
    }

    /** The first rows as they would be imported, with their errors; stores nothing. */
    @Transactional(readOnly = true)
    public Preview preview(String entity, Upload upload, Options options) {
        Inspected file = inspect(entity, upload, options, PREVIEW_ROWS);
        Batch<?> batch = importers.get(entity).plan(file.settings, file.context, file.rows, true);
        List<PreviewRow> rows = batch.preview.stream()
                .map(r -> new PreviewRow(
                        r.row(),
                        r.action(),
                        r.values(),
                        r.errors().stream()
                                .map(e -> new CellError(e.column(), e.message()))
                                .toList()))
                .toList();
        var format = file.format;
        return new Preview(
                format.format(),
                format.encoding(),
                format.delimiter() == null ? null : format.delimiterName(),
                file.settings.headers(),
                file.suggested,
                file.mapping,
                file.savedMapping,
                file.settings.mode(),
                file.settings.matchBy(),
                rows);
    }

    @Transactional(readOnly = true)
    public ImportView get(String entity, UUID id) {
        return view(find(entity, id));
    }

    @Transactional(readOnly = true)
    public List<ImportView> recent(String entity) {
        return imports.recent(entity, 20).stream().map(Imports::view).toList();
    }

    /**
     * Cancels an import: a queued one at once, a running one before its next batch (rows already written stay).
     * 409 once it has ended.
     */
    @Transactional
    public ImportView cancel(String entity, UUID id) {
        find(entity, id);
        ImportRow row = imports.lock(id).orElseThrow();
        if (row.ended()) {
            throw ApiProblem.conflict("import_ended", "The import has already ended (" + row.status() + ")");
        }
        if (row.status().equals("queued")) {
            imports.finish(row, "cancelled", null, Instant.now(clock), audit);
        } else {
            imports.requestCancel(id);
        }
        return view(imports.find(id).orElseThrow());
    }

    /** Writes the error report as CSV ({@code row,column,message}), streamed from the database. */
    @Transactional(readOnly = true)
    public void writeErrors(String entity, UUID id, Writer out) {
        find(entity, id);
        try {
            out.write("row,column,message\r\n");
            imports.errors(id, e -> {
                try {
                    out.write(e.row() + "," + CsvCells.cell(e.column()) + "," + CsvCells.cell(e.message()) + "\r\n");
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportRow find(String entity, UUID id) {
        return imports.find(id).filter(r -> r.entity().equals(entity)).orElseThrow(() -> ApiProblem.notFound("Import"));
    }

    private record Inspected(
            SourceFormat format,
            ImportSettings settings,
            Map<String, String> suggested,
            Map<String, String> mapping,
            @Nullable String savedMapping,
            ImportContext context,
            List<SourceRow> rows) {}

    /** Reads the header (and up to {@code rows} rows), checks options and mapping; 400 for bad input. */
    private Inspected inspect(String entity, Upload upload, Options options, int rows) {
        String mode = options.mode() == null || options.mode().isBlank() ? "upsert" : options.mode();
        String matchBy = options.matchBy() == null || options.matchBy().isBlank()
                ? (entity.equals("company") ? "domain" : "email")
                : options.matchBy();
        String region =
                options.defaultRegion() == null || options.defaultRegion().isBlank()
                        ? null
                        : options.defaultRegion().strip().toUpperCase(Locale.ROOT);
        var errors = new ArrayList<ApiProblem.FieldError>();
        if (!Set.of("create", "update", "upsert").contains(mode)) {
            errors.add(new ApiProblem.FieldError("mode", "must be create, update or upsert"));
        }
        Set<String> matchers =
                entity.equals("company") ? Set.of("domain", "externalId") : Set.of("email", "externalId");
        if (!matchers.contains(matchBy)) {
            errors.add(new ApiProblem.FieldError("matchBy", "must be one of " + matchers));
        }
        if (region != null
                && !com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance()
                        .getSupportedRegions()
                        .contains(region)) {
            errors.add(new ApiProblem.FieldError("defaultRegion", "must be an ISO 3166 country code like US"));
        }
        if (upload.size() == 0) {
            errors.add(new ApiProblem.FieldError("file", "is empty"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        var read = UploadReader.read(upload, files.maxRowChars(), rows);
        ImportContext context = files.context(entity);
        var customLabels = new LinkedHashMap<String, String>();
        context.custom().fields().forEach((key, field) -> customLabels.put(key, field.label()));
        Map<String, String> suggested = Targets.suggest(entity, read.headers(), customLabels);
        Map<String, String> mapping;
        String savedName = null;
        if (options.mapping() != null && !options.mapping().isBlank()) {
            try {
                mapping = json.readValue(options.mapping(), new TypeReference<Map<String, String>>() {});
            } catch (RuntimeException e) {
                throw ApiProblem.invalid("mapping", "must be a JSON object of header → field");
            }
        } else {
            var saved = mappings.forHeaders(entity, read.headers());
            mapping = saved.map(m -> byFileHeaders(m.mapping(), read.headers())).orElse(suggested);
            savedName = saved.map(ImportMappings.MappingView::name).orElse(null);
        }
        String[] columns = Targets.resolve(
                entity, read.headers(), mapping, context.custom().fields().keySet());
        List<String> mapped = List.of(columns);
        boolean keyMapped = mapped.contains(matchBy)
                || (matchBy.equals("domain") && mapped.contains("website"))
                || (matchBy.equals("email") && mapped.contains("emails"));
        if (!mode.equals("create") && !keyMapped) {
            throw ApiProblem.invalid(
                    "mapping",
                    "maps no column to " + matchBy + ", which matchBy=" + matchBy + " needs to find records");
        }
        Map<String, String> used = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            used.putIfAbsent(read.headers().get(i), columns[i]);
        }
        var settings = new ImportSettings(
                entity,
                mode,
                matchBy,
                read.headers(),
                columns,
                region,
                Tenancy.current().userId());
        return new Inspected(read.format(), settings, suggested, used, savedName, context, read.rows());
    }

    /** A saved mapping keyed by this file's spelling of its headers (they match without case and punctuation). */
    private static Map<String, String> byFileHeaders(Map<String, String> saved, List<String> headers) {
        Map<String, String> byKey = new LinkedHashMap<>();
        saved.forEach((header, target) -> byKey.put(Targets.key(header), target));
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String header : headers) {
            mapping.put(header, byKey.getOrDefault(Targets.key(header), Targets.IGNORE));
        }
        return mapping;
    }

    private static String fileName(Upload upload) {
        String name = upload.fileName().isBlank() ? "upload" : upload.fileName();
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    static ImportView view(ImportRow r) {
        return new ImportView(
                r.id(),
                r.entity(),
                r.status(),
                r.mode(),
                r.matchBy(),
                r.fileName(),
                r.fileSize(),
                r.format(),
                r.totalRows(),
                r.processedRows(),
                r.createdCount(),
                r.updatedCount(),
                r.errorCount(),
                r.failure(),
                r.cancelRequested(),
                r.createdAt(),
                r.startedAt(),
                r.finishedAt());
    }

    static ApiProblem unreadable(String why) {
        return ApiProblem.of(HttpStatus.BAD_REQUEST, "unreadable_file", why);
    }
}
