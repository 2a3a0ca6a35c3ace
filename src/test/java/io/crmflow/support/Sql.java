package io.crmflow.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Plain JDBC for tests that check what PostgreSQL itself allows, beside the app's own code paths. */
public final class Sql {

    private Sql() {}

    /** Work on one connection. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs as the app's runtime role inside a transaction with the given tenant (or none), then rolls back: the
     * same way the app sets the tenant, so what is allowed here is what the app could do.
     */
    public static <T> T asApp(DataSource appPool, @Nullable UUID tenant, @Nullable UUID user, Work<T> work) {
        try (Connection connection = appPool.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(
                    "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)")) {
                statement.setString(1, tenant == null ? "" : tenant.toString());
                statement.setString(2, user == null ? "" : user.toString());
                statement.execute();
            }
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs as the owner role (bypasses nothing it should not: the owner is who migrations run as). */
    public static <T> T asOwner(DataSource ownerDataSource, Work<T> work) {
        try (Connection connection = ownerDataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code select count(*) …} as the owner. */
    public static long countAsOwner(DataSource ownerDataSource, String sql, Object... params) {
        return asOwner(ownerDataSource, c -> count(c, sql, params));
    }

    /** {@code select count(*) …} as the app role with the given tenant. */
    public static long countAsApp(DataSource appPool, @Nullable UUID tenant, String sql, Object... params) {
        return asApp(appPool, tenant, null, c -> count(c, sql, params));
    }

    public static long count(Connection connection, String sql, Object... params) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            var result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }
}
