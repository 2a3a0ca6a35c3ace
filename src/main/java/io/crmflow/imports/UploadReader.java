package io.crmflow.imports;

import io.crmflow.imports.TabularSource.SourceRow;
import io.crmflow.platform.web.ApiProblem;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the header line (and the first rows, for a preview) of an upload; an unreadable file is a 400. */
final class UploadReader {

    private UploadReader() {}

    record Read(SourceFormat format, List<String> headers, List<SourceRow> rows) {}

    static Read read(Imports.Upload upload, int maxRowChars, int rows) {
        File copy = null;
        try {
            SourceFormat format;
            try (InputStream in = upload.content().getInputStream()) {
                format = SourceFormat.detect(in.readNBytes(SourceFormat.SAMPLE));
            }
            TabularSource source;
            if (format.format().equals("xlsx")) {
                copy = Files.createTempFile("crmflow-upload-", ".xlsx").toFile();
                try (InputStream in = upload.content().getInputStream()) {
                    Files.copy(in, copy.toPath(), StandardCopyOption.REPLACE_EXISTING);
                }
                source = new XlsxSource(copy);
            } else {
                source = format.openCsv(upload.content().getInputStream(), maxRowChars);
            }
            try (source) {
                SourceRow header = source.next();
                if (header == null) {
                    throw Imports.unreadable("The file has no header line");
                }
                if (header.error() != null) {
                    throw Imports.unreadable("The header line cannot be read: " + header.error());
                }
                List<SourceRow> first = new ArrayList<>();
                for (SourceRow r = rows > 0 ? source.next() : null; r != null; r = source.next()) {
                    first.add(r);
                    if (first.size() >= rows) {
                        break;
                    }
                }
                return new Read(format, headers(header.cells()), first);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw Imports.unreadable("The file is neither CSV nor XLSX that can be read: " + e.getMessage());
        } finally {
            if (copy != null) {
                copy.delete();
            }
        }
    }

    /** Header names: trimmed, a BOM dropped, blanks named by position, repeats numbered so each is unique. */
    static List<String> headers(List<String> cells) {
        List<String> headers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).replace("\uFEFF", "").strip();
            if (name.isEmpty()) {
                name = "Column " + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + " (" + n + ")";
            }
            headers.add(unique);
        }
        if (headers.stream().allMatch(h -> h.startsWith("Column "))) {
            throw Imports.unreadable("The header line is empty");
        }
        return headers;
    }
}
