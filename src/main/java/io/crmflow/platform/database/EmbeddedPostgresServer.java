package io.crmflow.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 used when no external database is configured. One per JVM: tests that start several
 * Spring contexts share it, so a test run pays for one server start.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static EmbeddedPostgresServer shared;

    private final EmbeddedPostgres postgres;
    private final String databaseName;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String databaseName) {
        this.postgres = postgres;
        this.databaseName = databaseName;
    }

    static synchronized EmbeddedPostgresServer obtain(DatabaseProperties.Embedded settings) {
        if (shared == null) {
            shared = start(settings);
        }
        return shared;
    }

    private static EmbeddedPostgresServer start(DatabaseProperties.Embedded settings) {
        try {
            Path dataDir = settings.ephemeral()
                    ? Files.createTempDirectory("crmflow-pg-")
                    : Files.createDirectories(settings.dataDir()).toAbsolutePath();
            log.info("Starting embedded PostgreSQL with data in {}", dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // keep what users saved: only the test-only ephemeral mode starts clean
                    .setCleanDataDirectory(settings.ephemeral())
                    .setPort(settings.port())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setRegisterShutdownHook(true)
                    .start();
            var server = new EmbeddedPostgresServer(postgres, settings.databaseName());
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    private void createDatabaseIfMissing() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            var exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + databaseName.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("create database \"" + databaseName.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + databaseName, e);
        }
    }

    /** Built by hand: zonky's getJdbcUrl appends {@code ?user=postgres}, which would override the app's role. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + databaseName;
    }
}
