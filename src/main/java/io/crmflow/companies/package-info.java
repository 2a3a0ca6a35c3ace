/** Companies: CRUD, hierarchy, sharing, trash and enrichment through a pluggable provider. */
@org.jspecify.annotations.NullMarked
package io.crmflow.companies;
