/** Signed webhooks: endpoints admins register, events recorded with the change and delivered by jobs with retries. */
@org.jspecify.annotations.NullMarked
package io.crmflow.webhooks;
