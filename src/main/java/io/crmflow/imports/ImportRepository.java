package io.crmflow.imports;

import io.crmflow.platform.audit.AuditLog;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code imports}, {@code import_chunks} and {@code import_errors}; all tenant rows. */
@Repository
class ImportRepository {

    private final JdbcClient jdbc;

    ImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ImportRow(
            UUID id,
            String entity,
            String status,
            String mode,
            String matchBy,
            String fileName,
            long fileSize,
            String format,
            @Nullable String encoding,
            @Nullable String delimiter,
            @Nullable String defaultRegion,
            List<String> headers,
            String mapping,
            @Nullable Long totalRows,
            long processedRows,
            long createdCount,
            long updatedCount,
            long errorCount,
            @Nullable String failure,
            boolean cancelRequested,
            int attempts,
            @Nullable UUID createdBy,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {

        boolean ended() {
            return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
        }
    }

    void insert(UUID tenant, ImportRow row) {
        jdbc.sql("""
                insert into imports (tenant_id, id, entity, status, mode, match_by, file_name, file_size, format,
                                     encoding, delimiter, default_region, headers, mapping, created_by, created_at)
                values (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?)
                """)
                .params(
                        tenant,
                        row.id(),
                        row.entity(),
                        row.mode(),
                        row.matchBy(),
                        row.fileName(),
                        row.fileSize(),
                        row.format(),
                        row.encoding(),
                        row.delimiter(),
                        row.defaultRegion(),
                        row.headers().toArray(String[]::new),
                        row.mapping(),
                        row.createdBy(),
                        Timestamp.from(row.createdAt()))
                .update();
    }

    /**
     * Plans this transaction's statements for their actual parameters: a generic plan of a batch lookup
     * ({@code unnest(?)} joined to a table that grew since it was last analysed) can turn quadratic.
     */
    void planForParameters() {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    }

    void insertChunk(UUID tenant, UUID id, int seq, byte[] data) {
        jdbc.sql("insert into import_chunks (tenant_id, import_id, seq, data) values (?, ?, ?, ?)")
                .params(tenant, id, seq, data)
                .update();
    }

    Optional<byte[]> chunk(UUID id, int seq) {
        return jdbc.sql("select data from import_chunks where import_id = ? and seq = ?")
                .params(id, seq)
                .query(byte[].class)
                .optional();
    }

    void deleteChunks(UUID id) {
        jdbc.sql("delete from import_chunks where import_id = ?").param(id).update();
    }

    private static final String SELECT = """
            select id, entity, status, mode, match_by, file_name, file_size, format, encoding, delimiter,
                   default_region, headers, mapping::text, total_rows, processed_rows, created_count, updated_count,
                   error_count, failure, cancel_requested, attempts, created_by, created_at, started_at, finished_at
            from imports
            """;

    Optional<ImportRow> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(id)
                .query(ImportRepository::map)
                .optional();
    }

    Optional<ImportRow> lock(UUID id) {
        return jdbc.sql(SELECT + " where id = ? for update")
                .param(id)
                .query(ImportRepository::map)
                .optional();
    }

    List<ImportRow> recent(String entity, int limit) {
        return jdbc.sql(SELECT + " where entity = ? order by created_at desc, id desc limit ?")
                .params(entity, limit)
                .query(ImportRepository::map)
                .list();
    }

    /** Counts an attempt and marks the import running; false if it has ended (or is not there). */
    boolean begin(UUID id, Instant now) {
        return jdbc.sql("""
                        update imports set status = 'running', attempts = attempts + 1,
                                           started_at = coalesce(started_at, ?)
                        where id = ? and status in ('queued', 'running')
                        """).params(Timestamp.from(now), id).update() == 1;
    }

    void total(UUID id, long total) {
        jdbc.sql("update imports set total_rows = ? where id = ?")
                .params(total, id)
                .update();
    }

    void advance(UUID id, long rows, long created, long updated, long errors) {
        jdbc.sql("""
                update imports set processed_rows = processed_rows + ?, created_count = created_count + ?,
                                   updated_count = updated_count + ?, error_count = error_count + ?
                where id = ?
                """).params(rows, created, updated, errors, id).update();
    }

    void requestCancel(UUID id) {
        jdbc.sql("update imports set cancel_requested = true where id = ?")
                .param(id)
                .update();
    }

    void end(UUID id, String status, @Nullable String failure, Instant now) {
        jdbc.sql("update imports set status = ?, failure = ?, finished_at = ? where id = ?")
                .params(status, failure, Timestamp.from(now), id)
                .update();
    }

    /** Ends an import in the current transaction: its status, its chunks deleted, one audit entry. */
    void finish(ImportRow current, String status, @Nullable String failure, Instant now, AuditLog audit) {
        end(current.id(), status, failure, now);
        deleteChunks(current.id());
        ImportRow ended = find(current.id()).orElseThrow();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("entity", ended.entity());
        summary.put("fileName", ended.fileName());
        summary.put("mode", ended.mode());
        summary.put("status", status);
        summary.put("processedRows", ended.processedRows());
        summary.put("createdCount", ended.createdCount());
        summary.put("updatedCount", ended.updatedCount());
        summary.put("errorCount", ended.errorCount());
        audit.recordBy(ended.createdBy(), "import." + status, "import", ended.id(), AuditLog.created(summary));
    }

    void insertErrors(UUID tenant, UUID id, List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        long[] rows = new long[errors.size()];
        Integer[] seqs = new Integer[errors.size()];
        String[] columns = new String[errors.size()];
        String[] messages = new String[errors.size()];
        long previous = -1;
        int seq = 0;
        for (int i = 0; i < errors.size(); i++) {
            RowError e = errors.get(i);
            seq = e.row() == previous ? seq + 1 : 0;
            previous = e.row();
            rows[i] = e.row();
            seqs[i] = seq;
            columns[i] = e.column();
            messages[i] = e.message().length() > 1000 ? e.message().substring(0, 1000) : e.message();
        }
        jdbc.sql("""
                insert into import_errors (tenant_id, import_id, row_number, seq, column_name, message)
                select ?, ?, e.row_number, e.seq, e.column_name, e.message
                from unnest(?::bigint[], ?::int[], ?::text[], ?::text[]) as e(row_number, seq, column_name, message)
                """)
                .params(tenant, id, Arrays.stream(rows).boxed().toArray(Long[]::new), seqs, columns, messages)
                .update();
    }

    /** The errors in row order, streamed (a cursor, 1 000 rows at a time). */
    void errors(UUID id, Consumer<RowError> sink) {
        jdbc.sql("""
                select row_number, column_name, message from import_errors
                where import_id = ? order by row_number, seq""").withFetchSize(1000).param(id).query(rs -> {
            sink.accept(new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)));
        });
    }

    private static ImportRow map(ResultSet rs, int n) throws SQLException {
        return new ImportRow(
                rs.getObject("id", UUID.class),
                rs.getString("entity"),
                rs.getString("status"),
                rs.getString("mode"),
                rs.getString("match_by"),
                rs.getString("file_name"),
                rs.getLong("file_size"),
                rs.getString("format"),
                rs.getString("encoding"),
                rs.getString("delimiter"),
                rs.getString("default_region"),
                strings(rs.getArray("headers")),
                rs.getString("mapping"),
                rs.getObject("total_rows", Long.class),
                rs.getLong("processed_rows"),
                rs.getLong("created_count"),
                rs.getLong("updated_count"),
                rs.getLong("error_count"),
                rs.getString("failure"),
                rs.getBoolean("cancel_requested"),
                rs.getInt("attempts"),
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
