package io.crmflow.imports;

import io.crmflow.customfields.CustomFields;
import io.crmflow.identity.Members;
import io.crmflow.platform.tenancy.Tenancy;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Opens a stored import file for reading (CSV straight from its chunks; XLSX through a temporary file, which its
 * reader needs to seek in), and gathers what a run reads once: custom field rules and members.
 */
@Component
class ImportFiles {

    private final ImportRepository imports;
    private final TransactionTemplate readOnly;
    private final CustomFields customFields;
    private final Members members;
    private final Clock clock;
    private final int maxRowChars;

    ImportFiles(
            ImportRepository imports,
            PlatformTransactionManager transactions,
            CustomFields customFields,
            Members members,
            Clock clock,
            @Value("${crmflow.imports.max-row-size}") DataSize maxRowSize) {
        this.imports = imports;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.customFields = customFields;
        this.members = members;
        this.clock = clock;
        this.maxRowChars = (int) Math.min(Integer.MAX_VALUE - 1, maxRowSize.toBytes());
    }

    int maxRowChars() {
        return maxRowChars;
    }

    /** A stored file, opened as often as needed; closing deletes its temporary copy. */
    final class Opened implements Closeable {
        private final UUID id;
        private final SourceFormat format;
        private final @Nullable File copy;

        Opened(UUID id, SourceFormat format, @Nullable File copy) {
            this.id = id;
            this.format = format;
            this.copy = copy;
        }

        TabularSource source() throws IOException {
            if (copy != null) {
                return new XlsxSource(copy);
            }
            return format.openCsv(new ChunkInputStream(imports, readOnly, id), maxRowChars);
        }

        @Override
        public void close() throws IOException {
            if (copy != null) {
                Files.deleteIfExists(copy.toPath());
            }
        }
    }

    Opened open(ImportRepository.ImportRow row) throws IOException {
        var format = new SourceFormat(row.format(), row.encoding(), row.delimiter());
        if (!row.format().equals("xlsx")) {
            return new Opened(row.id(), format, null);
        }
        File copy = Files.createTempFile("crmflow-import-", ".xlsx").toFile();
        try (InputStream in = new ChunkInputStream(imports, readOnly, row.id())) {
            Files.copy(in, copy.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        return new Opened(row.id(), format, copy);
    }

    /** Custom field rules and members by email, read once for a run (or a preview). */
    ImportContext context(String entity) {
        Map<String, UUID> byEmail = new HashMap<>();
        String cursor = null;
        do {
            var page = members.list(cursor, 200);
            page.data().forEach(m -> byEmail.put(m.email().toLowerCase(Locale.ROOT), m.userId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        UUID tenant = Tenancy.currentTenant().orElseThrow(() -> new IllegalStateException("no workspace"));
        return new ImportContext(tenant, customFields.validator(entity), byEmail, clock);
    }
}
