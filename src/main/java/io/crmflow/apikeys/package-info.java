/**
 * API keys: workspace admins create scoped keys; {@code Authorization: Bearer crm_…} authenticates API calls with
 * them, looked up in PostgreSQL on every request.
 */
@org.jspecify.annotations.NullMarked
package io.crmflow.apikeys;
