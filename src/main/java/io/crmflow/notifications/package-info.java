/** In-app notifications: short messages to one user in one workspace, listed, counted and marked read. */
@org.jspecify.annotations.NullMarked
package io.crmflow.notifications;
