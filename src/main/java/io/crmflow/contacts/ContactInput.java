package io.crmflow.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/contacts} and {@code PATCH /api/v1/contacts/{id}}, for the API documentation (the
 * controller reads the JSON as a map so that PATCH can tell an absent field from a null one). {@code email} and
 * {@code phone} set the primary address and number; {@code emails}/{@code phones} the whole lists; phones need a
 * country code; {@code consent} is per channel {@code {"email": {"granted": true, "source": "web form"}}}.
 */
record ContactInput(
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email,
        @Nullable List<String> emails,
        @Nullable String phone,
        @Nullable List<String> phones,
        @Nullable String jobTitle,
        @Nullable UUID companyId,
        @Nullable UUID ownerId,
        @Nullable List<String> tags,
        @Nullable Map<String, String> address,
        @Nullable String source,
        @Nullable String lifecycleStage,
        @Nullable Map<String, Object> consent,
        @Nullable Map<String, Object> customFields,
        @Nullable String externalId) {}
