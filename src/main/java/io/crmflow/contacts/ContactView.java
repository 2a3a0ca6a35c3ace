package io.crmflow.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A contact as the API shows it. {@code email}/{@code phone} are the primary ones (first of {@code emails}/
 * {@code phones}); {@code possibleDuplicates} is only filled in the answer to a create.
 */
public record ContactView(
        UUID id,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email,
        List<String> emails,
        @Nullable String phone,
        List<String> phones,
        @Nullable String jobTitle,
        @Nullable UUID companyId,
        @Nullable UUID ownerId,
        List<String> tags,
        Map<String, Object> address,
        @Nullable String source,
        @Nullable String lifecycleStage,
        Map<String, Object> consent,
        Map<String, Object> customFields,
        @Nullable String externalId,
        Instant createdAt,
        @Nullable UUID createdBy,
        Instant updatedAt,
        @Nullable UUID updatedBy,
        @Nullable Instant deletedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<DuplicateHint> possibleDuplicates) {

    /** A live contact that looks like this one, and why. */
    public record DuplicateHint(UUID id, String name, String reason) {}

    public String name() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return n.isEmpty() ? (email == null ? "(no name)" : email) : n;
    }

    ContactView withDuplicates(List<DuplicateHint> hints) {
        return new ContactView(
                id,
                firstName,
                lastName,
                email,
                emails,
                phone,
                phones,
                jobTitle,
                companyId,
                ownerId,
                tags,
                address,
                source,
                lifecycleStage,
                consent,
                customFields,
                externalId,
                createdAt,
                createdBy,
                updatedAt,
                updatedBy,
                deletedAt,
                hints);
    }
}
