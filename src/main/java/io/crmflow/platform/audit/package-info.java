/** Platform API: audit. */
@org.springframework.modulith.NamedInterface("audit")
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.audit;
