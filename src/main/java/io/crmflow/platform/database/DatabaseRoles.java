package io.crmflow.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the runtime role exists and is safe before anything else touches the database: it must not be a
 * superuser nor have BYPASSRLS, since either would switch row level security off for the whole app.
 */
final class DatabaseRoles {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);

    private DatabaseRoles() {}

    static void provision(DataSource owner, DatabaseProperties properties) {
        try (Connection connection = owner.getConnection()) {
            String role = properties.user();
            if (role.equals(properties.ownerUser())) {
                throw new IllegalStateException("crmflow.database.user must differ from the owner role " + role);
            }
            if (!roleExists(connection, role)) {
                createRole(connection, role, properties.password());
            }
            refuseUnsafeRole(connection, role);
            try (var statement = connection.createStatement()) {
                statement.execute("grant connect on database \"" + connection.getCatalog() + "\" to " + quote(role));
                statement.execute("grant usage on schema public to " + quote(role));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database roles: " + e.getMessage(), e);
        }
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (var query = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            query.setString(1, role);
            return query.executeQuery().next();
        }
    }

    private static void createRole(Connection connection, String role, String password) throws SQLException {
        try (var query = connection.prepareStatement(
                "select rolsuper or rolcreaterole from pg_roles where rolname = current_user")) {
            var result = query.executeQuery();
            if (!result.next() || !result.getBoolean(1)) {
                throw new IllegalStateException("Runtime role " + role
                        + " does not exist and the owner role may not create it; create it by hand (see README)");
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("create role " + quote(role) + " login password '" + password.replace("'", "''")
                    + "' nosuperuser nobypassrls nocreatedb nocreaterole");
        }
        log.info("Created runtime database role {}", role);
    }

    private static void refuseUnsafeRole(Connection connection, String role) throws SQLException {
        try (var query = connection.prepareStatement("select rolsuper, rolbypassrls from pg_roles where rolname = ?")) {
            query.setString(1, role);
            var result = query.executeQuery();
            result.next();
            if (result.getBoolean(1) || result.getBoolean(2)) {
                throw new IllegalStateException(
                        "Runtime role " + role + " is a superuser or has BYPASSRLS: tenant isolation would be off");
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
