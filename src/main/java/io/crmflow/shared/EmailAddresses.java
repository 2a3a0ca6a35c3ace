package io.crmflow.shared;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Email addresses as stored: trimmed, lower-cased, and of a plausible shape (one {@code @}, a dotted domain). */
public final class EmailAddresses {

    private static final Pattern SHAPE = Pattern.compile(
            "^[^@\\s\"<>(),;:\\\\\\[\\]]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");

    private EmailAddresses() {}

    /** The normalised address, or empty if {@code raw} is not one. */
    public static Optional<String> normalize(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.startsWith("mailto:")) {
            email = email.substring("mailto:".length());
        }
        return email.length() <= 254 && SHAPE.matcher(email).matches() ? Optional.of(email) : Optional.empty();
    }
}
