/**
 * Background jobs on db-scheduler: {@link io.crmflow.platform.jobs.Jobs} queues work for the current workspace,
 * {@link io.crmflow.platform.jobs.JobHandler} beans run it, in that workspace, once across all nodes.
 */
@org.springframework.modulith.NamedInterface("jobs")
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.jobs;
