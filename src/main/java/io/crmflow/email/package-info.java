/** Outgoing mail: an outbox written in the transaction of its cause, sent over SMTP by a job with retries. */
@org.jspecify.annotations.NullMarked
package io.crmflow.email;
