package io.crmflow.apikeys;

import io.crmflow.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a key's scopes allow, by HTTP method and path under {@code /api/v1}. {@code read}: every GET; {@code write}:
 * changes to workspace data (not management); {@code admin}: everything a key may reach, including members,
 * invitations, the audit log, workspace settings, the outbox and API keys. {@code <resource>:read} and
 * {@code <resource>:write} allow one resource. No scope reaches the caller's own account ({@code /me}), sign-in
 * ({@code /auth}), other workspaces or invitation acceptance: those belong to a person, not a key.
 */
final class Scopes {

    static final Set<String> GENERAL = Set.of("read", "write", "admin");
    /** Management resources: only {@code admin} or their own scope changes them, never {@code write}. */
    static final Set<String> MANAGEMENT =
            Set.of("members", "invitations", "audit", "api-keys", "workspace", "outbox", "webhooks");

    static final Set<String> DATA = Set.of("contacts", "companies", "deals", "activities");
    /** Read-only resources: the audit log is append-only, and only {@code admin} creates or revokes keys. */
    private static final Set<String> READ_ONLY = Set.of("audit", "api-keys");

    private static final Set<String> PERSONAL = Set.of("me", "auth", "workspaces");

    private Scopes() {}

    /** Checks and normalises the scopes of a new key; 400 naming the first unknown one. */
    static List<String> validate(@Nullable List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiProblem.invalid("scopes", "give at least one scope: read, write, admin or <resource>:read");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested) {
            String s = scope == null ? "" : scope.trim().toLowerCase(java.util.Locale.ROOT);
            if (!known(s)) {
                throw ApiProblem.invalid("scopes", "unknown scope '" + scope + "'");
            }
            scopes.add(s);
        }
        return new ArrayList<>(scopes);
    }

    private static boolean known(String scope) {
        if (GENERAL.contains(scope)) {
            return true;
        }
        int colon = scope.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String resource = scope.substring(0, colon);
        String access = scope.substring(colon + 1);
        boolean resourceKnown = MANAGEMENT.contains(resource) || DATA.contains(resource);
        return resourceKnown && (access.equals("read") || (access.equals("write") && !READ_ONLY.contains(resource)));
    }

    /**
     * Whether a key with these scopes may send this request. {@code path} is the decoded path within the
     * application (the firewall has already refused {@code ..}, {@code //} and encoded slashes).
     */
    static boolean allow(Set<String> scopes, String method, String path) {
        List<String> segments =
                Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.size() < 3
                || !segments.get(0).equals("api")
                || !segments.get(1).equals("v1")) {
            return false;
        }
        String first = segments.get(2);
        if (PERSONAL.contains(first)
                || (first.equals("invitations")
                        && segments.size() > 3
                        && segments.get(3).equals("accept"))) {
            return false;
        }
        String resource = resource(first, segments);
        if (scopes.contains("admin")) {
            return true;
        }
        boolean reading = method.equals("GET") || method.equals("HEAD");
        if (reading) {
            return scopes.contains("read") || scopes.contains(resource + ":read");
        }
        boolean management = MANAGEMENT.contains(resource) || first.equals("admin");
        return (!management && scopes.contains("write")) || scopes.contains(resource + ":write");
    }

    private static String resource(String first, List<String> segments) {
        return switch (first) {
            case "audit-events" -> "audit";
            case "admin" -> segments.size() > 3 ? segments.get(3) : "admin";
            default -> first;
        };
    }
}
