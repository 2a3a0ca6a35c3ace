/** Phones linked to an account: they approve QR sign-ins for 30 days without a password. */
@org.jspecify.annotations.NullMarked
package io.crmflow.identity.devices;
