package io.crmflow.companies;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/companies} and {@code PATCH /api/v1/companies/{id}}, for the API documentation
 * (the controller reads the JSON as a map so that PATCH can tell an absent field from a null one).
 */
record CompanyInput(
        @Nullable String name,
        @Nullable String domain,
        @Nullable String industry,
        @Nullable String size,
        @Nullable BigDecimal annualRevenue,
        @Nullable String currency,
        @Nullable Map<String, String> address,
        @Nullable String phone,
        @Nullable String website,
        @Nullable UUID ownerId,
        @Nullable UUID parentId,
        @Nullable List<String> tags,
        @Nullable Map<String, Object> customFields,
        @Nullable String externalId) {}
