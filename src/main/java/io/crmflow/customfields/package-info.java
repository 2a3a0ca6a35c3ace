/** Custom fields admins define per workspace for contacts and companies, and the validation of their values. */
@org.jspecify.annotations.NullMarked
package io.crmflow.customfields;
