package io.crmflow.records;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A kind of record (contacts, companies) as segments see it: to count what a saved filter matches. */
public interface RecordType {

    String entity();

    /** How many live records the caller can see match {@code filter}. */
    long count(Filter filter);

    /**
     * The owner of a live record the caller can see (null if it has none); 404 if there is no such record, it is in
     * another workspace, or it is private to others.
     */
    @Nullable
    UUID ownerOfVisible(UUID id);

    /** Checks a filter against the entity's fields (throws a 400 when it names unknown fields or ops). */
    void check(Filter filter);
}
