/** Platform API: web. */
@org.springframework.modulith.NamedInterface("web")
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.web;
