package io.crmflow.companies;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A company as the API shows it. {@code enrichment} holds suggested values waiting for a user's decision. */
public record CompanyView(
        UUID id,
        String name,
        @Nullable String domain,
        @Nullable String industry,
        @Nullable String size,
        @Nullable BigDecimal annualRevenue,
        @Nullable String currency,
        Map<String, Object> address,
        @Nullable String phone,
        @Nullable String website,
        @Nullable UUID ownerId,
        @Nullable UUID parentId,
        List<String> tags,
        Map<String, Object> customFields,
        @Nullable String externalId,
        @Nullable Map<String, Object> enrichment,
        Instant createdAt,
        @Nullable UUID createdBy,
        Instant updatedAt,
        @Nullable UUID updatedBy,
        @Nullable Instant deletedAt) {}
