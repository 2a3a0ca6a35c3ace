/** Rate limiting on every endpoint: token buckets per client IP, user and API key, shared across nodes via Redis. */
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.ratelimit;
