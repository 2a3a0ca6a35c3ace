package io.crmflow.platform.database;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where CRMFlow's PostgreSQL is and which roles it uses. With {@code url} unset an embedded PostgreSQL 17 is started
 * with its data under {@code embedded.dataDir}.
 *
 * @param url JDBC URL of an external PostgreSQL 15+ ({@code CRMFLOW_DATABASE_URL}); blank = embedded
 * @param ownerUser role that owns the schema and runs Flyway migrations
 * @param ownerPassword its password
 * @param user runtime role the app connects as: not the owner, no BYPASSRLS, no superuser
 * @param password its password
 * @param poolSize maximum connections in the runtime pool
 * @param planCacheMode PostgreSQL {@code plan_cache_mode} for the runtime pool; see ADR 1 for why generic plans
 * @param embedded settings of the embedded server
 */
@ConfigurationProperties("crmflow.database")
public record DatabaseProperties(
        @Nullable String url,
        String ownerUser,
        @Nullable String ownerPassword,
        String user,
        String password,
        int poolSize,
        PlanCacheMode planCacheMode,
        Embedded embedded) {

    /** Values of PostgreSQL's {@code plan_cache_mode}. */
    public enum PlanCacheMode {
        AUTO,
        FORCE_GENERIC_PLAN,
        FORCE_CUSTOM_PLAN
    }

    /**
     * @param dataDir data directory, kept across restarts
     * @param port TCP port, 0 picks a free one
     * @param ephemeral start from an empty temporary directory and delete it on exit (tests)
     * @param databaseName database created inside the embedded server
     */
    public record Embedded(Path dataDir, int port, boolean ephemeral, String databaseName) {}

    boolean useEmbedded() {
        return !StringUtils.hasText(url);
    }
}
