package io.crmflow.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset position {@code (time, id)} for lists sorted newest first; clients pass it back unchanged.
 */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a client-given cursor; a damaged one is a 400, never a 500. */
    public static @Nullable Cursor decode(@Nullable String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\.", 3);
            return new Cursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API gave out");
        }
    }

    /** Checks {@code limit}: default 50, 1 to 200. */
    public static int limit(@Nullable Integer requested) {
        if (requested == null) {
            return 50;
        }
        if (requested < 1 || requested > 200) {
            throw ApiProblem.invalid("limit", "must be between 1 and 200");
        }
        return requested;
    }
}
