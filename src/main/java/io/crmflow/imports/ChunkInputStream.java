package io.crmflow.imports;

import java.io.InputStream;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An uploaded file read back from {@code import_chunks}, one 1 MiB chunk (and one short read-only transaction) at a
 * time, so that the whole file is never in memory and no transaction stays open while rows are parsed.
 */
final class ChunkInputStream extends InputStream {

    private final ImportRepository imports;
    private final TransactionTemplate readOnly;
    private final UUID id;
    private byte[] chunk = new byte[0];
    private int position;
    private int seq;
    private boolean ended;

    ChunkInputStream(ImportRepository imports, TransactionTemplate readOnly, UUID id) {
        this.imports = imports;
        this.readOnly = readOnly;
        this.id = id;
    }

    @Override
    public int read() {
        if (!available(1)) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!available(1)) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean available(int wanted) {
        while (!ended && chunk.length - position < wanted) {
            int next = seq++;
            byte[] data = readOnly.execute(status -> imports.chunk(id, next).orElse(null));
            if (data == null) {
                ended = true;
            } else {
                chunk = data;
                position = 0;
            }
        }
        return chunk.length - position >= wanted;
    }
}
