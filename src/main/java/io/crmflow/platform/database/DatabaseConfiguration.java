package io.crmflow.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmflow.platform.tenancy.TenantAwareTransactionManager;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two data sources on one PostgreSQL: the owner (migrations only) and the runtime pool, which connects as a role
 * that row level security applies to. Every transaction on the runtime pool carries the tenant.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    DatabaseEndpoint databaseEndpoint(DatabaseProperties properties) {
        String url = properties.useEmbedded()
                ? EmbeddedPostgresServer.obtain(properties.embedded()).jdbcUrl()
                : properties.url();
        var endpoint = new DatabaseEndpoint(url);
        DatabaseRoles.provision(ownerDataSource(endpoint, properties), properties);
        return endpoint;
    }

    @Bean
    @FlywayDataSource
    DataSource ownerDataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
        return new SimpleDriverDataSource(
                new Driver(), endpoint.url(), properties.ownerUser(), properties.ownerPassword());
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
        var config = new HikariConfig();
        config.setPoolName("crmflow");
        config.setJdbcUrl(endpoint.url());
        config.setUsername(properties.user());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setAutoCommit(true);
        // a pool-wide constant, not tenant data: a session-level SET is safe here
        config.setConnectionInitSql(
                "set plan_cache_mode = " + properties.planCacheMode().name().toLowerCase(java.util.Locale.ROOT));
        return new HikariDataSource(config);
    }

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    /**
     * Spring Session gets plain transactions on the same pool: its tables are global, and the tenant-aware manager
     * would ask the security context, which is itself loaded from the session.
     */
    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager springSessionTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /** The resolved JDBC URL, shared by the owner and runtime data sources. */
    record DatabaseEndpoint(String url) {}
}
