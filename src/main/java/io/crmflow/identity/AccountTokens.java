package io.crmflow.identity;

import io.crmflow.shared.Tokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use account links (email verification, password reset): 256 random bits given out once, only their SHA-256
 * stored, so a copy of the database opens no account.
 */
@Repository
class AccountTokens {

    enum Purpose {
        EMAIL_VERIFICATION,
        PASSWORD_RESET;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;

    AccountTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TokenRow(
            UUID userId,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant usedAt) {}

    static String newToken() {
        return Tokens.newToken(32); // 256 bits: these links reset passwords
    }

    static byte[] hash(String token) {
        return Tokens.sha256(token);
    }

    void insert(String token, UUID userId, Purpose purpose, Instant now, Instant expires) {
        jdbc.sql("""
                insert into account_tokens (token_hash, user_id, purpose, created_at, expires_at)
                values (?, ?, ?, ?, ?)
                """)
                .params(hash(token), userId, purpose.column(), Timestamp.from(now), Timestamp.from(expires))
                .update();
    }

    Optional<TokenRow> find(String token, Purpose purpose) {
        return jdbc.sql("""
                select user_id, created_at, expires_at, used_at from account_tokens
                where token_hash = ? and purpose = ?
                """)
                .params(hash(token), purpose.column())
                .query((rs, row) -> new TokenRow(
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null
                                ? null
                                : rs.getTimestamp("used_at").toInstant()))
                .optional();
    }

    /** Uses the token, once: false if it was used or expired meanwhile. */
    boolean use(String token, Purpose purpose, Instant now) {
        return jdbc.sql("""
                        update account_tokens set used_at = ?
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?
                        """)
                        .params(Timestamp.from(now), hash(token), purpose.column(), Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Closes every open link of this purpose for the user (after a reset, older reset mails stop working). */
    void closeAll(UUID userId, Purpose purpose, Instant now) {
        jdbc.sql("update account_tokens set used_at = ? where user_id = ? and purpose = ? and used_at is null")
                .params(Timestamp.from(now), userId, purpose.column())
                .update();
    }

    /** When the user's latest link of this purpose was made, if any. */
    Optional<Instant> latest(UUID userId, Purpose purpose) {
        return jdbc.sql("""
                select created_at from account_tokens where user_id = ? and purpose = ?
                order by created_at desc limit 1
                """)
                .params(userId, purpose.column())
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional();
    }
}
