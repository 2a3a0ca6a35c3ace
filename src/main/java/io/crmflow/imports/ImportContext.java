package io.crmflow.imports;

import io.crmflow.customfields.CustomFieldValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** What every batch of one run needs and is read once per run: custom field rules and members by email. */
record ImportContext(UUID tenant, CustomFieldValidator custom, Map<String, UUID> membersByEmail, Clock clock) {

    Instant now() {
        return Instant.now(clock);
    }
}
