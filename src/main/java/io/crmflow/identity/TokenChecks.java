package io.crmflow.identity;

import io.crmflow.platform.web.ApiProblem;
import java.time.Instant;

/** The clear answers for a single-use link that can no longer be used. */
final class TokenChecks {

    private TokenChecks() {}

    static void requireOpen(AccountTokens.TokenRow row, Instant now) {
        if (row.usedAt() != null) {
            throw ApiProblem.conflict("token_used", "This link was already used; ask for a new one");
        }
        if (!row.expiresAt().isAfter(now)) {
            throw ApiProblem.conflict("token_expired", "This link has expired; ask for a new one");
        }
    }
}
