package io.crmflow.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The global two-factor tables: one TOTP secret per user (pending until confirmed) and their recovery codes. */
@Repository
class TwoFactorRepository {

    private final JdbcClient jdbc;

    TwoFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TwoFactorRow(
            UUID userId, byte[] secret, @Nullable Instant confirmedAt, long lastUsedStep) {

        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    Optional<TwoFactorRow> find(UUID userId) {
        return jdbc.sql("select user_id, secret, confirmed_at, last_used_step from user_two_factor where user_id = ?")
                .param(userId)
                .query((rs, n) -> new TwoFactorRow(
                        rs.getObject(1, UUID.class),
                        rs.getBytes(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getLong(4)))
                .optional();
    }

    /** Starts (or restarts) an unconfirmed enrolment; never touches a confirmed one. True when stored. */
    boolean savePending(UUID userId, byte[] secret, Instant now) {
        return jdbc.sql("""
                        insert into user_two_factor (user_id, secret, created_at) values (?, ?, ?)
                        on conflict (user_id) do update
                           set secret = excluded.secret, created_at = excluded.created_at, last_used_step = 0
                         where user_two_factor.confirmed_at is null
                        """).params(userId, secret, Timestamp.from(now)).update() == 1;
    }

    /**
     * Moves the last accepted step forward, only if the new one is newer: of two requests with the same code, one
     * wins. True when accepted.
     */
    boolean advanceStep(UUID userId, long step) {
        return jdbc.sql("update user_two_factor set last_used_step = ? where user_id = ? and last_used_step < ?")
                        .params(step, userId, step)
                        .update()
                == 1;
    }

    boolean confirm(UUID userId, Instant now) {
        return jdbc.sql("update user_two_factor set confirmed_at = ? where user_id = ? and confirmed_at is null")
                        .params(Timestamp.from(now), userId)
                        .update()
                == 1;
    }

    void replaceRecoveryCodes(UUID userId, List<byte[]> hashes) {
        jdbc.sql("delete from user_recovery_codes where user_id = ?")
                .param(userId)
                .update();
        for (byte[] hash : hashes) {
            jdbc.sql("insert into user_recovery_codes (user_id, code_hash) values (?, ?)")
                    .params(userId, hash)
                    .update();
        }
    }

    /** Uses up a recovery code; true only for the one request that found it unused. */
    boolean useRecoveryCode(UUID userId, byte[] hash, Instant now) {
        return jdbc.sql("""
                        update user_recovery_codes set used_at = ?
                        where user_id = ? and code_hash = ? and used_at is null
                        """).params(Timestamp.from(now), userId, hash).update() == 1;
    }

    int recoveryCodesLeft(UUID userId) {
        return jdbc.sql("select count(*) from user_recovery_codes where user_id = ? and used_at is null")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    /** Removes the secret and, by cascade, the recovery codes. */
    boolean delete(UUID userId) {
        return jdbc.sql("delete from user_two_factor where user_id = ?")
                        .param(userId)
                        .update()
                == 1;
    }

    /** True when the workspace requires two-factor sign-in and the user has not confirmed one. */
    boolean enrolmentMissing(UUID userId, UUID workspaceId) {
        return jdbc.sql("""
                select coalesce((select w.require_two_factor from workspaces w where w.id = ?), false)
                   and not exists (select 1 from user_two_factor t where t.user_id = ? and t.confirmed_at is not null)
                """).params(workspaceId, userId).query(Boolean.class).single();
    }
}
