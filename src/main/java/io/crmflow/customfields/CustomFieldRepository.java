package io.crmflow.customfields;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class CustomFieldRepository {

    private static final String COLUMNS =
            "id, entity, key, label, type, required, default_value, options, validation, position, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CustomFieldRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<CustomField> all(@Nullable String entity) {
        return jdbc.sql("select " + COLUMNS
                        + " from custom_fields where (cast(:entity as text) is null or entity = :entity)"
                        + " order by entity, position, created_at, id")
                .param("entity", entity)
                .query(this::map)
                .list();
    }

    Optional<CustomField> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from custom_fields where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    void insert(UUID workspace, CustomField f) {
        jdbc.sql("""
                        insert into custom_fields (tenant_id, id, entity, key, label, type, required, default_value,
                            options, validation, position, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)""")
                .params(
                        workspace,
                        f.id(),
                        f.entity(),
                        f.key(),
                        f.label(),
                        f.type(),
                        f.required(),
                        f.defaultValue() == null ? null : json.writeValueAsString(f.defaultValue()),
                        f.options().toArray(String[]::new),
                        json.writeValueAsString(f.validation()),
                        f.position(),
                        java.sql.Timestamp.from(f.createdAt()),
                        java.sql.Timestamp.from(f.updatedAt()))
                .update();
    }

    void update(CustomField f) {
        jdbc.sql("""
                        update custom_fields set label = ?, required = ?, default_value = ?::jsonb, options = ?,
                            validation = ?::jsonb, position = ?, updated_at = ?
                        where id = ?""")
                .params(
                        f.label(),
                        f.required(),
                        f.defaultValue() == null ? null : json.writeValueAsString(f.defaultValue()),
                        f.options().toArray(String[]::new),
                        json.writeValueAsString(f.validation()),
                        f.position(),
                        java.sql.Timestamp.from(f.updatedAt()),
                        f.id())
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from custom_fields where id = ?").param(id).update();
    }

    /**
     * How many records of the field's entity hold a value for it. The record tables share the {@code custom}
     * JSONB storage contract (ADR 10), so the definition's owner counts and strips values itself.
     */
    long countValues(String entity, String key) {
        return jdbc.sql("select count(*) from " + table(entity) + " where jsonb_exists(custom, :key)")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    long stripValues(String entity, String key) {
        return jdbc.sql("update " + table(entity) + " set custom = custom - :key where jsonb_exists(custom, :key)")
                .param("key", key)
                .update();
    }

    private static String table(String entity) {
        return switch (entity) {
            case "contact" -> "contacts";
            case "company" -> "companies";
            default -> throw new IllegalArgumentException(entity);
        };
    }

    private CustomField map(ResultSet rs, int row) throws SQLException {
        String dflt = rs.getString("default_value");
        return new CustomField(
                rs.getObject("id", UUID.class),
                rs.getString("entity"),
                rs.getString("key"),
                rs.getString("label"),
                rs.getString("type"),
                rs.getBoolean("required"),
                dflt == null ? null : json.readValue(dflt, Object.class),
                Arrays.asList((String[]) rs.getArray("options").getArray()),
                json.readValue(rs.getString("validation"), new TypeReference<Map<String, Object>>() {}),
                rs.getInt("position"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
