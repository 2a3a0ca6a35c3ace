package io.crmflow.records;

/** A kind of record (contacts, companies) as segments see it: to count what a saved filter matches. */
public interface RecordType {

    String entity();

    /** How many live records the caller can see match {@code filter}. */
    long count(Filter filter);

    /** Checks a filter against the entity's fields (throws a 400 when it names unknown fields or ops). */
    void check(Filter filter);
}
