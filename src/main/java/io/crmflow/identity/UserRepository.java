package io.crmflow.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The global users table. Emails are unique regardless of case. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record UserRow(
            UUID id,
            String email,
            String name,
            String passwordHash,
            String timeZone,
            String locale,
            @Nullable UUID lastWorkspaceId,
            boolean emailVerified,
            boolean twoFactorEnabled) {

        Views.UserView view() {
            return new Views.UserView(id, email, name, timeZone, locale, emailVerified, twoFactorEnabled);
        }
    }

    private static final String COLUMNS = "id, email, name, password_hash, time_zone, locale, last_workspace_id,"
            + " email_verified_at is not null as email_verified,"
            + " exists (select 1 from user_two_factor t where t.user_id = users.id and t.confirmed_at is not null)"
            + " as two_factor_enabled";

    Optional<UserRow> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where lower(email) = lower(?)")
                .param(email)
                .query(UserRow.class)
                .optional();
    }

    Optional<UserRow> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(UserRow.class)
                .optional();
    }

    void insert(UUID id, String email, String name, String passwordHash, Instant now) {
        jdbc.sql("""
                insert into users (id, email, name, password_hash, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)
                """)
                .params(id, email, name, passwordHash, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    void updateProfile(UUID id, String name, String timeZone, String locale, Instant now) {
        jdbc.sql("update users set name = ?, time_zone = ?, locale = ?, updated_at = ? where id = ?")
                .params(name, timeZone, locale, Timestamp.from(now), id)
                .update();
    }

    void updatePassword(UUID id, String passwordHash, Instant now) {
        jdbc.sql("update users set password_hash = ?, updated_at = ? where id = ?")
                .params(passwordHash, Timestamp.from(now), id)
                .update();
    }

    /** Marks the email verified, keeping the first time it was. */
    void markVerified(UUID id, Instant now) {
        jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, ?) where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    void rememberWorkspace(UUID id, UUID workspaceId) {
        jdbc.sql("update users set last_workspace_id = ? where id = ?")
                .params(workspaceId, id)
                .update();
    }
}
