package io.crmflow.records;

import io.crmflow.platform.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque position in a record list: the sort values and id of the last row (keyset), or an offset into ranked
 * search results. It also names the sort it belongs to, so a cursor from another sort is refused.
 */
public record RecordCursor(
        String sort,
        List<@Nullable String> values,
        @Nullable UUID id,
        int offset) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String encode() {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("s", sort);
        map.put("v", values);
        map.put("i", id == null ? null : id.toString());
        map.put("o", offset);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(map));
    }

    public static @Nullable RecordCursor decode(@Nullable String encoded, String sort) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            Map<?, ?> map = JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8), Map.class);
            if (!sort.equals(map.get("s"))) {
                throw ApiProblem.invalid("cursor", "belongs to another sort order; start again without it");
            }
            var values = new ArrayList<@Nullable String>();
            for (Object v : (List<?>) map.get("v")) {
                values.add(v == null ? null : v.toString());
            }
            Object id = map.get("i");
            return new RecordCursor(
                    sort,
                    values,
                    id == null ? null : UUID.fromString(id.toString()),
                    ((Number) map.get("o")).intValue());
        } catch (ApiProblem e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this API gave out");
        }
    }
}
