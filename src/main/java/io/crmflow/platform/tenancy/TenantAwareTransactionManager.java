package io.crmflow.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;

/**
 * Sets {@code app.tenant_id} and {@code app.user_id} at the start of every transaction, transaction-local
 * ({@code set_config(..., true)}): the values vanish at commit or rollback, so the next borrower of the pooled
 * connection starts with no tenant and sees no tenant rows.
 */
public class TenantAwareTransactionManager extends JdbcTransactionManager {

    public TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        apply(connection, Tenancy.current());
    }

    static void apply(Connection connection, Tenancy.Scope scope) {
        try (var statement = connection.prepareStatement(
                "select set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true)")) {
            statement.setString(
                    1, scope.tenantId() == null ? "" : scope.tenantId().toString());
            statement.setString(2, scope.userId() == null ? "" : scope.userId().toString());
            statement.execute();
        } catch (SQLException e) {
            throw new CannotCreateTransactionException("Could not set the tenant of the transaction", e);
        }
    }
}
