/**
 * Cross-cutting foundations: the database and its tenant context, web conventions (errors, pagination, request
 * ids) and the audit log.
 */
@org.jspecify.annotations.NullMarked
package io.crmflow.platform;
