package io.crmflow.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invitations: the workspace's admins see their workspace's; an invitee sees those sent to their own email. */
@Repository
class InvitationRepository {

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record InvitationRow(
            UUID tenantId,
            UUID id,
            String email,
            Role role,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant acceptedAt,
            @Nullable Instant revokedAt) {

        String status(Instant now) {
            if (acceptedAt != null) {
                return "accepted";
            }
            if (revokedAt != null) {
                return "revoked";
            }
            return expiresAt.isAfter(now) ? "pending" : "expired";
        }

        Views.InvitationView view(Instant now) {
            return new Views.InvitationView(id, email, role, createdAt, expiresAt, status(now));
        }
    }

    private static final String COLUMNS = "tenant_id, id, email, role, created_at, expires_at, accepted_at, revoked_at";

    void insert(UUID id, String email, Role role, byte[] tokenHash, UUID invitedBy, Instant now, Instant expires) {
        jdbc.sql("""
                insert into invitations (tenant_id, id, email, role, token_hash, invited_by, created_at, expires_at)
                values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, email, role.name(), tokenHash, invitedBy, Timestamp.from(now), Timestamp.from(expires))
                .update();
        jdbc.sql("""
                insert into invitation_tokens (token_hash, workspace_id, invitation_id)
                values (?, nullif(current_setting('app.tenant_id', true), '')::uuid, ?)
                """).params(tokenHash, id).update();
    }

    /** The workspace an invitation token belongs to, for someone who is not signed in yet. */
    Optional<UUID> workspaceOfToken(byte[] tokenHash) {
        return jdbc.sql("select workspace_id from invitation_tokens where token_hash = ?")
                .param(tokenHash)
                .query(UUID.class)
                .optional();
    }

    /** Pending invitations of the current workspace. */
    List<InvitationRow> pending(Instant now) {
        return jdbc.sql("select " + COLUMNS + """
                         from invitations
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                          and accepted_at is null and revoked_at is null and expires_at > ?
                        order by created_at desc
                        """)
                .param(Timestamp.from(now))
                .query(InvitationRepository::map)
                .list();
    }

    Optional<InvitationRow> findInWorkspace(UUID id) {
        return jdbc.sql("select " + COLUMNS + """
                         from invitations
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and id = ?
                        """)
                .param(id)
                .query(InvitationRepository::map)
                .optional();
    }

    /** Finds an invitation by its token among those row level security lets this transaction see. */
    Optional<InvitationRow> findByTokenHash(byte[] tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from invitations where token_hash = ?")
                .param(tokenHash)
                .query(InvitationRepository::map)
                .optional();
    }

    boolean revoke(UUID id, Instant now) {
        return jdbc.sql("""
                        update invitations set revoked_at = ?
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and id = ?
                          and accepted_at is null and revoked_at is null
                        """).params(Timestamp.from(now), id).update() == 1;
    }

    /** Marks accepted, once: false if it was accepted, revoked or expired meanwhile. */
    boolean accept(UUID id, Instant now) {
        return jdbc.sql("""
                        update invitations set accepted_at = ?
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and id = ?
                          and accepted_at is null and revoked_at is null and expires_at > ?
                        """)
                        .params(Timestamp.from(now), id, Timestamp.from(now))
                        .update()
                == 1;
    }

    private static InvitationRow map(ResultSet rs, int row) throws SQLException {
        return new InvitationRow(
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                instant(rs.getTimestamp("accepted_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
