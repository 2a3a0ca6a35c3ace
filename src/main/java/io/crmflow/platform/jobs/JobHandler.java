package io.crmflow.platform.jobs;

/**
 * Runs the jobs of one kind. Declare it as a bean; {@link Jobs#enqueue} names its kind. {@link #handle} runs with
 * the job's workspace as the tenant (any transaction it starts acts in that workspace), outside a transaction of its
 * own. Throwing fails this attempt: the job is retried with exponential backoff until it runs out of attempts.
 * Handlers should be idempotent: a node that dies mid-run leaves the job to be run again by another node.
 */
public interface JobHandler {

    /** The kind this handler runs, unique across the app, e.g. {@code "contacts.import"}. */
    String kind();

    /** Does the work for one job; {@code payload} is what was given to {@link Jobs#enqueue}. */
    void handle(String payload) throws Exception;
}
