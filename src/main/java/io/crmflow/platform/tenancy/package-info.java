/** Platform API: tenancy. */
@org.springframework.modulith.NamedInterface("tenancy")
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.tenancy;
