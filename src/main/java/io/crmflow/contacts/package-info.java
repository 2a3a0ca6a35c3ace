/** Contacts: CRUD, timeline, sharing, trash, duplicates and merge, bulk actions and GDPR export/erase. */
@org.jspecify.annotations.NullMarked
package io.crmflow.contacts;
