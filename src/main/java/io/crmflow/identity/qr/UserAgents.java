package io.crmflow.identity.qr;

import org.jspecify.annotations.Nullable;

/** Names the browser and operating system in a User-Agent header, well enough to recognise one's own desktop. */
public final class UserAgents {

    private UserAgents() {}

    /** "Chrome on Linux". */
    public static String describe(@Nullable String agent) {
        return browser(agent) + " on " + operatingSystem(agent);
    }

    public static String browser(@Nullable String agent) {
        if (agent == null) return "Unknown browser";
        if (agent.contains("Edg/")) return "Edge";
        if (agent.contains("OPR/")) return "Opera";
        if (agent.contains("Firefox/")) return "Firefox";
        if (agent.contains("Chrome/") || agent.contains("Chromium/")) return "Chrome";
        if (agent.contains("Safari/")) return "Safari";
        return "Unknown browser";
    }

    public static String operatingSystem(@Nullable String agent) {
        if (agent == null) return "unknown system";
        if (agent.contains("Windows")) return "Windows";
        if (agent.contains("iPhone") || agent.contains("iPad")) return "iOS";
        if (agent.contains("Mac OS X")) return "macOS";
        if (agent.contains("Android")) return "Android";
        if (agent.contains("CrOS")) return "ChromeOS";
        if (agent.contains("Linux")) return "Linux";
        return "unknown system";
    }
}
