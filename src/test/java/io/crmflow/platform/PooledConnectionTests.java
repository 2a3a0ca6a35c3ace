package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The tenant is transaction-local: the next borrower of the same pooled connection starts with none. */
@IntegrationTest
class PooledConnectionTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPooledConnectionNeverCarriesATenantToItsNextBorrower() {
        new Api(port).signUpFresh("Leak check");
        UUID tenant = UUID.randomUUID();
        int backend = Tenancy.callAs(
                tenant,
                null,
                () -> transactions.execute(status -> {
                    assertThat(jdbc.sql("select current_setting('app.tenant_id', true)")
                                    .query(String.class)
                                    .single())
                            .isEqualTo(tenant.toString());
                    return jdbc.sql("select pg_backend_pid()")
                            .query(Integer.class)
                            .single();
                }));

        boolean sameConnectionSeen = false;
        for (int attempt = 0; attempt < 50 && !sameConnectionSeen; attempt++) {
            // outside any transaction, exactly like a careless caller would borrow it
            var seen = jdbc.sql("select pg_backend_pid(), coalesce(current_setting('app.tenant_id', true), ''),"
                            + " (select count(*) from memberships)")
                    .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3)})
                    .single();
            if ((int) seen[0] == backend) {
                sameConnectionSeen = true;
                assertThat((String) seen[1]).isEmpty();
                assertThat((long) seen[2]).isZero();
            }
        }
        assertThat(sameConnectionSeen)
                .as("the pool handed the same connection back")
                .isTrue();
    }

    @Test
    void aTransactionWithoutTenantSeesNoTenantRows() {
        new Api(port).signUpFresh("No tenant");
        long visible = transactions.execute(status ->
                jdbc.sql("select count(*) from memberships").query(Long.class).single());
        assertThat(visible).isZero();
    }
}
