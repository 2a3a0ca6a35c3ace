package io.crmflow.shared;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Company web domains as stored: host only, lower-case ASCII (IDN to punycode), without scheme, path, port or a
 * leading {@code www.}; so {@code https://WWW.Acme.com/about} and {@code acme.com} are the same company.
 */
public final class Domains {

    private static final Pattern HOST =
            Pattern.compile("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}$");

    private Domains() {}

    public static Optional<String> normalize(@Nullable String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2000) {
            return Optional.empty();
        }
        String host = raw.strip().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        for (char end : new char[] {'/', '?', '#', ':'}) {
            int i = host.indexOf(end);
            if (i >= 0) {
                host = host.substring(0, i);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return host.length() <= 253 && HOST.matcher(host).matches() ? Optional.of(host) : Optional.empty();
    }
}
