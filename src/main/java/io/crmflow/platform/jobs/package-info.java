/** Background jobs on db-scheduler. */
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.jobs;
