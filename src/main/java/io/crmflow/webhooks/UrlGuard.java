package io.crmflow.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keeps webhooks from reaching into our own network (SSRF): only https, and every address the host resolves to must
 * be public, unless private targets are allowed (development and tests, where plain http is allowed too). Checked on
 * registration and again before every delivery, against DNS rebinding.
 */
class UrlGuard {

    private final boolean allowPrivate;

    UrlGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this URL is refused, or null when it may be called. */
    @Nullable
    String refusal(@Nullable String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return "must be an https URL of at most 2000 characters";
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (Exception e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return "must use https";
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            return "must name a host (and no user or password)";
        }
        if (allowPrivate) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return "names a host that does not resolve";
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "resolves to a private, loopback or link-local address (" + address.getHostAddress() + ")";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this" network
                    && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 224; // multicast and reserved
        }
        // IPv6: unique-local fc00::/7; IPv4-mapped addresses are checked as IPv4
        if ((b[0] & 0xfe) == 0xfc) {
            return false;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }
}
