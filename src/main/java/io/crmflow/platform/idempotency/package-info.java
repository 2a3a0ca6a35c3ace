/** Idempotency-Key support for POST requests: a retried request gets the first answer instead of a second effect. */
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.idempotency;
