/** Platform API: cross-node signals through PostgreSQL LISTEN/NOTIFY. */
@org.springframework.modulith.NamedInterface("notify")
@org.jspecify.annotations.NullMarked
package io.crmflow.platform.notify;
