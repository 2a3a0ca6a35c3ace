package io.crmflow.records;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The links of a list page (sort headers, "Load more", trash toggle) keeping the current search, filters and
 * segment: built from the request's parameters, without the cursor.
 */
public record ListLinks(String base, Map<String, String> params) {

    private static final Set<String> PAGE_ONLY = Set.of("cursor", "_csrf");

    public static ListLinks of(String base, Map<String, String> request) {
        var params = new LinkedHashMap<String, String>();
        request.forEach((k, v) -> {
            if (!PAGE_ONLY.contains(k) && v != null && !v.isBlank()) {
                params.put(k, v);
            }
        });
        return new ListLinks(base, Map.copyOf(params));
    }

    /** The parameters for the service: the page's own plus the cursor. */
    public Map<String, String> query(@Nullable String cursor) {
        var out = new LinkedHashMap<>(params);
        if (cursor != null && !cursor.isBlank()) {
            out.put("cursor", cursor);
        }
        return out;
    }

    public String get(String name) {
        return params.getOrDefault(name, "");
    }

    public boolean trash() {
        return "true".equals(params.get("trash"));
    }

    /** Sorting by {@code key}: ascending first, descending when it is already ascending. */
    public String sortUrl(String key) {
        return with("sort", key.equals(params.get("sort")) ? "-" + key : key);
    }

    /** {@code ascending}/{@code descending} for the column sorted by, else {@code none} (for aria-sort). */
    public String sortState(String key) {
        String sort = params.get("sort");
        if (key.equals(sort)) {
            return "ascending";
        }
        return ("-" + key).equals(sort) ? "descending" : "none";
    }

    public String moreUrl(String cursor) {
        return with("cursor", cursor);
    }

    public String with(String name, @Nullable String value) {
        var out = new LinkedHashMap<>(params);
        if (value == null || value.isBlank()) {
            out.remove(name);
        } else {
            out.put(name, value);
        }
        return url(out);
    }

    public String url() {
        return url(params);
    }

    private String url(Map<String, String> p) {
        if (p.isEmpty()) {
            return base;
        }
        return base + "?"
                + p.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
