/** Notes and comments (markdown, sanitised when rendered) on contacts and companies, with @mentions of members. */
@org.jspecify.annotations.NullMarked
package io.crmflow.notes;
