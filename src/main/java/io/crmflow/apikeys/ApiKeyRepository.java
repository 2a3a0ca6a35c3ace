package io.crmflow.apikeys;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code api_keys} (tenant rows, under RLS) and {@code api_key_lookup} (global hash → workspace, key). */
@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key row as stored; never holds the secret. */
    record KeyRow(
            UUID id,
            String name,
            String prefix,
            byte[] keyHash,
            List<String> scopes,
            UUID createdBy,
            @Nullable String createdByEmail,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt,
            @Nullable String lastUsedIp) {}

    /** Where a hash belongs, read before any workspace is known. */
    record Lookup(UUID workspaceId, UUID keyId) {}

    void insert(
            UUID workspace,
            UUID id,
            String name,
            String prefix,
            byte[] hash,
            List<String> scopes,
            UUID createdBy,
            Instant createdAt,
            @Nullable Instant expiresAt) {
        jdbc.sql("""
                insert into api_keys (tenant_id, id, name, prefix, key_hash, scopes, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?)
                """)
                .params(
                        workspace,
                        id,
                        name,
                        prefix,
                        hash,
                        "{" + String.join(",", scopes) + "}",
                        createdBy,
                        Timestamp.from(createdAt),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        jdbc.sql("insert into api_key_lookup (key_hash, workspace_id, key_id) values (?, ?, ?)")
                .params(hash, workspace, id)
                .update();
    }

    Optional<Lookup> lookup(byte[] hash) {
        return jdbc.sql("select workspace_id, key_id from api_key_lookup where key_hash = ?")
                .param(hash)
                .query((rs, n) -> new Lookup(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }

    private static final String SELECT = """
            select k.id, k.name, k.prefix, k.key_hash, k.scopes, k.created_by, u.email, k.created_at, k.expires_at,
                   k.revoked_at, k.last_used_at, k.last_used_ip
            from api_keys k left join users u on u.id = k.created_by
            """;

    Optional<KeyRow> find(UUID id) {
        return jdbc.sql(SELECT + " where k.id = ?").param(id).query(this::map).optional();
    }

    /** Keys not revoked, newest first, keyset-paginated; fetch {@code limit + 1} to see if more follow. */
    List<KeyRow> active(@Nullable Instant beforeAt, @Nullable UUID beforeId, int limit) {
        if (beforeAt == null) {
            return jdbc.sql(SELECT + " where k.revoked_at is null order by k.created_at desc, k.id desc limit ?")
                    .param(limit)
                    .query(this::map)
                    .list();
        }
        return jdbc.sql(SELECT + """
                 where k.revoked_at is null and (k.created_at, k.id) < (?, ?)
                 order by k.created_at desc, k.id desc limit ?
                """)
                .params(Timestamp.from(beforeAt), beforeId, limit)
                .query(this::map)
                .list();
    }

    /** Marks the key revoked and removes its way in; false when it was revoked already. */
    boolean revoke(UUID id, byte[] hash, Instant at) {
        int changed = jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(at), id)
                .update();
        jdbc.sql("delete from api_key_lookup where key_hash = ?").param(hash).update();
        return changed == 1;
    }

    void markUsed(UUID id, Instant at, @Nullable String ip) {
        jdbc.sql("update api_keys set last_used_at = ?, last_used_ip = ? where id = ?")
                .params(Timestamp.from(at), ip, id)
                .update();
    }

    private KeyRow map(ResultSet rs, int row) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new KeyRow(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("prefix"),
                rs.getBytes("key_hash"),
                Arrays.asList((String[]) scopes.getArray()),
                rs.getObject("created_by", UUID.class),
                rs.getString("email"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")),
                rs.getString("last_used_ip"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
