package io.crmflow.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Memberships, guarded by row level security: a transaction sees its workspace's members, plus the current user's
 * own memberships in every workspace (for sign-in and the workspace switcher).
 */
@Repository
class MembershipRepository {

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The signed-in user's workspaces (through the policy's own-rows arm). */
    List<Views.WorkspaceMembership> workspacesOf(UUID userId) {
        return jdbc.sql("""
                select w.id, w.name, w.slug, m.role
                from memberships m join workspaces w on w.id = m.tenant_id
                where m.user_id = ?
                order by lower(w.name), w.id
                """)
                .param(userId)
                .query(Views.WorkspaceMembership.class)
                .list();
    }

    Optional<Role> roleOf(UUID workspaceId, UUID userId) {
        return jdbc.sql("select role from memberships where tenant_id = ? and user_id = ?")
                .params(workspaceId, userId)
                .query((rs, n) -> Role.valueOf(rs.getString(1)))
                .optional();
    }

    /** Inserts into the transaction's current workspace. */
    void insert(UUID workspaceId, UUID userId, Role role, Instant now) {
        jdbc.sql("insert into memberships (tenant_id, user_id, role, created_at) values (?, ?, ?, ?)")
                .params(workspaceId, userId, role.name(), Timestamp.from(now))
                .update();
    }

    List<Views.MemberView> members(@Nullable String afterEmail, @Nullable UUID afterId, int limitPlusOne) {
        return jdbc.sql("""
                select u.id as user_id, u.email, u.name, m.role, m.created_at as joined_at
                from memberships m join users u on u.id = m.user_id
                where m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                  and (cast(? as text) is null or (lower(u.email), u.id) > (lower(?), ?))
                order by lower(u.email), u.id
                limit ?
                """)
                .params(afterEmail, afterEmail, afterId, limitPlusOne)
                .query(Views.MemberView.class)
                .list();
    }

    Optional<Views.MemberView> member(UUID userId) {
        return jdbc.sql("""
                select u.id as user_id, u.email, u.name, m.role, m.created_at as joined_at
                from memberships m join users u on u.id = m.user_id
                where m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and m.user_id = ?
                """).param(userId).query(Views.MemberView.class).optional();
    }

    /** Owners of the current workspace, locked so two concurrent demotions cannot both pass the last-owner check. */
    int lockOwners() {
        return jdbc.sql("""
                select count(*) from (
                  select 1 from memberships
                  where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and role = 'OWNER'
                  for update) owners
                """).query(Integer.class).single();
    }

    boolean changeRole(UUID userId, Role role) {
        return jdbc.sql("""
                        update memberships set role = ?
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and user_id = ?
                        """).params(role.name(), userId).update() == 1;
    }

    boolean remove(UUID userId) {
        return jdbc.sql("""
                        delete from memberships
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and user_id = ?
                        """).param(userId).update() == 1;
    }
}
