/**
 * What contacts and companies share: the filter language (also stored in segments), sorting with keyset cursors,
 * full-text plus trigram search SQL, and the record-visibility rule (ADR 10).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package io.crmflow.records;
