package io.crmflow.imports;

import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Column mappings saved for reuse. A later file with the same header line (compared without case, spaces and
 * punctuation) gets the saved mapping instead of the suggested one. Names are unique per entity; saving an existing
 * name replaces it.
 */
@Service
public class ImportMappings {

    private final JdbcClient jdbc;
    private final CustomFields customFields;
    private final JsonMapper json;
    private final Clock clock;

    ImportMappings(JdbcClient jdbc, CustomFields customFields, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.customFields = customFields;
        this.json = json;
        this.clock = clock;
    }

    public record MappingInput(
            @Nullable String entity,
            @Nullable String name,
            @Nullable List<String> headers,
            @Nullable Map<String, String> mapping) {}

    public record MappingView(
            UUID id,
            String entity,
            String name,
            List<String> headers,
            Map<String, String> mapping,
            Instant createdAt) {}

    @Transactional(readOnly = true)
    public List<MappingView> list(@Nullable String entity) {
        return jdbc.sql("""
                select id, entity, name, headers, mapping::text, created_at from import_mappings
                where (?::text is null or entity = ?) order by entity, name""")
                .params(entity, entity)
                .query((rs, n) -> new MappingView(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()),
                        parse(rs.getString(5)),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    @Transactional
    public MappingView save(MappingInput in) {
        String entity = Imports.entity(in.entity());
        if (in.name() == null || in.name().isBlank() || in.name().strip().length() > 200) {
            throw ApiProblem.invalid("name", "is required (at most 200 characters)");
        }
        if (in.headers() == null || in.headers().isEmpty()) {
            throw ApiProblem.invalid("headers", "give the header line the mapping is for");
        }
        if (in.mapping() == null || in.mapping().isEmpty()) {
            throw ApiProblem.invalid("mapping", "give at least one header → field");
        }
        var keys = customFields.validator(entity).fields().keySet();
        Targets.resolve(entity, in.headers(), in.mapping(), keys);
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into import_mappings (tenant_id, id, entity, name, headers, mapping, created_at)
                values (?, ?, ?, ?, ?::text[], ?::jsonb, ?)
                on conflict (tenant_id, entity, name)
                do update set headers = excluded.headers, mapping = excluded.mapping, created_at = excluded.created_at
                """)
                .params(
                        Tenancy.currentTenant().orElseThrow(),
                        id,
                        entity,
                        in.name().strip(),
                        in.headers().toArray(String[]::new),
                        json.writeValueAsString(in.mapping()),
                        Timestamp.from(Instant.now(clock)))
                .update();
        return list(entity).stream()
                .filter(m -> m.name().equals(in.name().strip()))
                .findFirst()
                .orElseThrow();
    }

    @Transactional
    public void delete(UUID id) {
        if (jdbc.sql("delete from import_mappings where id = ?").param(id).update() == 0) {
            throw ApiProblem.notFound("Import mapping");
        }
    }

    /** The newest saved mapping for this header line, if any. */
    @Transactional(readOnly = true)
    public Optional<MappingView> forHeaders(String entity, List<String> headers) {
        List<String> line = headers.stream().map(Targets::key).toList();
        return list(entity).stream()
                .filter(m -> m.headers().stream().map(Targets::key).toList().equals(line))
                .max(java.util.Comparator.comparing(MappingView::createdAt));
    }

    private Map<String, String> parse(String mapping) {
        return json.readValue(mapping, new TypeReference<Map<String, String>>() {});
    }
}
