/** Imports of contacts and companies from CSV and XLSX files as resumable jobs, and streamed exports. */
@org.jspecify.annotations.NullMarked
package io.crmflow.imports;
