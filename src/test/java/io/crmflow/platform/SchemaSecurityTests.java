package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

/**
 * Guards every tenant table, present and future, by reading PostgreSQL's catalog: a new table with a
 * {@code tenant_id} column fails this test until it has forced row level security and a tenant policy.
 */
@IntegrationTest
class SchemaSecurityTests {

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Value("${crmflow.database.user}")
    String appRole;

    @Test
    void everyTenantTableForcesRowLevelSecurityWithATenantPolicy() {
        List<String> problems = Sql.asOwner(owner, connection -> {
            List<String> found = new ArrayList<>();
            var tables = connection.createStatement().executeQuery("""
                    select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                      exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polcmd = '*'
                              and pg_get_expr(p.polqual, p.polrelid) like '%current_setting(''app.tenant_id''%'
                              and pg_get_expr(p.polwithcheck, p.polrelid) like '%current_setting(''app.tenant_id''%')
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p')
                      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'
                                  and not a.attisdropped)
                    """);
            int seen = 0;
            while (tables.next()) {
                seen++;
                String table = tables.getString(1);
                if (!tables.getBoolean(2)) found.add(table + ": row level security not enabled");
                if (!tables.getBoolean(3)) found.add(table + ": row level security not forced");
                if (!tables.getBoolean(4))
                    found.add(table + ": no policy for all commands on app.tenant_id with USING and WITH CHECK");
            }
            if (seen < 3) found.add("expected at least memberships, invitations and audit_events; saw " + seen);
            return found;
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void tenantPrimaryKeysAndForeignKeysBetweenTenantTablesIncludeTenantId() {
        List<String> problems = Sql.asOwner(owner, connection -> {
            List<String> found = new ArrayList<>();
            var keys = connection.createStatement().executeQuery("""
                    with tenant_tables as (
                      select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
                      where n.nspname = 'public' and c.relkind in ('r', 'p')
                        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id'))
                    select con.conname, con.contype::text,
                           exists (select 1 from unnest(con.conkey) k
                                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k
                                   where a.attname = 'tenant_id')
                    from pg_constraint con
                    where con.conrelid in (select oid from tenant_tables)
                      and (con.contype = 'p' or (con.contype = 'f' and con.confrelid in (select oid from tenant_tables)))
                    """);
            while (keys.next()) {
                if (!keys.getBoolean(3)) {
                    found.add(keys.getString(1) + " (" + keys.getString(2) + ") lacks tenant_id");
                }
            }
            return found;
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyViewIsSecurityInvoker() {
        List<String> views = Sql.asOwner(owner, connection -> {
            List<String> found = new ArrayList<>();
            var rows = connection.createStatement().executeQuery("""
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('v', 'm')
                      and not coalesce(c.reloptions @> array['security_invoker=true']
                                       or c.reloptions @> array['security_invoker=on'], false)
                    """);
            while (rows.next()) found.add(rows.getString(1));
            return found;
        });
        assertThat(views).as("views without security_invoker").isEmpty();
    }

    @Test
    void appRoleIsNeitherSuperuserNorBypassingRlsNorOwnerOfAnyTable() {
        Sql.asOwner(owner, connection -> {
            var role = connection.prepareStatement(
                    "select rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = ?");
            role.setString(1, appRole);
            var result = role.executeQuery();
            assertThat(result.next()).isTrue();
            assertThat(result.getBoolean(1)).as("superuser").isFalse();
            assertThat(result.getBoolean(2)).as("bypassrls").isFalse();
            assertThat(result.getBoolean(3)).as("createrole").isFalse();
            var owned = connection.prepareStatement("""
                    select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and pg_get_userbyid(c.relowner) = ?
                    """);
            owned.setString(1, appRole);
            var count = owned.executeQuery();
            count.next();
            assertThat(count.getLong(1)).as("tables owned by the app role").isZero();
            return null;
        });
    }

    @Test
    void auditLogIsAppendOnlyForTheAppRole() {
        Sql.asOwner(owner, connection -> {
            var privileges = connection.prepareStatement("""
                    select has_table_privilege(?, 'audit_events', 'INSERT'),
                           has_table_privilege(?, 'audit_events', 'UPDATE'),
                           has_table_privilege(?, 'audit_events', 'DELETE'),
                           has_table_privilege(?, 'audit_events', 'TRUNCATE')
                    """);
            for (int i = 1; i <= 4; i++) privileges.setString(i, appRole);
            var result = privileges.executeQuery();
            result.next();
            assertThat(result.getBoolean(1)).isTrue();
            assertThat(result.getBoolean(2)).isFalse();
            assertThat(result.getBoolean(3)).isFalse();
            assertThat(result.getBoolean(4)).isFalse();
            return null;
        });
    }
}
