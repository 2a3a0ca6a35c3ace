package io.crmflow.identity.devices;

import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import io.crmflow.shared.QrSvg;
import io.crmflow.shared.Tokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device linking. A signed-in desktop shows a short-lived, single-use code as a QR; the phone that opens it becomes
 * a linked device holding a secret cookie, which signs it back in for 30 days (for approving QR sign-ins without a
 * password). Devices are listed and revocable; a password change revokes them all.
 */
@Service
public class LinkedDevices {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    static final Duration DEVICE_LIFETIME = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;

    LinkedDevices(JdbcClient jdbc, Clock clock, @Value("${crmflow.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public record LinkCode(String url, String qrSvg, Instant expiresAt) {}

    public record Device(
            UUID id,
            String name,
            @Nullable String userAgent,
            Instant createdAt,
            Instant lastUsedAt,
            Instant expiresAt) {}

    /** A newly linked device and the secret for its cookie (shown to nobody else, stored hashed). */
    public record Linked(UUID deviceId, UUID userId, String secret, Duration lifetime) {}

    /** A device that signed itself back in. */
    public record Recognised(UUID deviceId, UUID userId) {}

    @Transactional
    public LinkCode startLink(UUID userId) {
        String code = Tokens.newToken();
        Instant now = Instant.now(clock);
        jdbc.sql(
                        "insert into device_link_codes (id, user_id, code_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(Ids.newId(), userId, Tokens.sha256(code), ts(now), ts(now.plus(CODE_LIFETIME)))
                .update();
        String url = baseUrl + "/link/" + code;
        return new LinkCode(url, QrSvg.of(url, "QR code to link your phone"), now.plus(CODE_LIFETIME));
    }

    /** The email of the account a link code would link to; 404/410 when it cannot be used. */
    @Transactional(readOnly = true)
    public String accountOf(String code) {
        var row = jdbc.sql("""
                        select u.email, c.expires_at, c.used_at from device_link_codes c join users u on u.id = c.user_id
                        where c.code_hash = ?
                        """)
                .param(Tokens.sha256(code))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3)})
                .optional()
                .orElseThrow(
                        () -> ApiProblem.of(HttpStatus.NOT_FOUND, "link_not_found", "This link code is not valid"));
        if (row[2] != null) {
            throw ApiProblem.conflict("link_used", "This link code was already used. Make a new one on the desktop.");
        }
        if (!((Timestamp) row[1]).toInstant().isAfter(Instant.now(clock))) {
            throw ApiProblem.of(
                    HttpStatus.GONE, "link_expired", "This link code has expired. Make a new one on the desktop.");
        }
        return (String) row[0];
    }

    /** Uses the code once and links the device. */
    @Transactional
    public Linked link(String code, @Nullable String name, @Nullable String userAgent) {
        String deviceName = name == null || name.isBlank() ? "My phone" : name.trim();
        if (deviceName.length() > 60) {
            throw ApiProblem.invalid("name", "must have at most 60 characters");
        }
        accountOf(code);
        Instant now = Instant.now(clock);
        UUID userId = jdbc.sql("""
                        update device_link_codes set used_at = ?
                        where code_hash = ? and used_at is null and expires_at > ?
                        returning user_id
                        """)
                .params(ts(now), Tokens.sha256(code), ts(now))
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> ApiProblem.conflict("link_used", "This link code was already used"));
        String secret = Tokens.newToken();
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into linked_devices (id, user_id, name, user_agent, secret_hash, created_at, last_used_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        id,
                        userId,
                        deviceName,
                        truncate(userAgent),
                        Tokens.sha256(secret),
                        ts(now),
                        ts(now),
                        ts(now.plus(DEVICE_LIFETIME)))
                .update();
        return new Linked(id, userId, secret, DEVICE_LIFETIME);
    }

    /** The device this cookie secret belongs to, if still linked; notes its use. */
    @Transactional
    public Optional<Recognised> recognise(String secret) {
        Instant now = Instant.now(clock);
        return jdbc.sql("""
                        update linked_devices set last_used_at = ?
                        where secret_hash = ? and revoked_at is null and expires_at > ?
                        returning id, user_id
                        """)
                .params(ts(now), Tokens.sha256(secret), ts(now))
                .query((rs, n) -> new Recognised(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Device> of(UUID userId) {
        return jdbc.sql("""
                        select id, name, user_agent, created_at, last_used_at, expires_at from linked_devices
                        where user_id = ? and revoked_at is null and expires_at > ?
                        order by last_used_at desc
                        """)
                .params(userId, ts(Instant.now(clock)))
                .query((rs, n) -> new Device(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** Revokes one of the user's devices; 404 for anyone else's. */
    @Transactional
    public void revoke(UUID userId, UUID deviceId) {
        int revoked = jdbc.sql(
                        "update linked_devices set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(ts(Instant.now(clock)), deviceId, userId)
                .update();
        if (revoked == 0) {
            throw ApiProblem.notFound("Device");
        }
    }

    /** Revokes every device of the user (after a password change). */
    @Transactional
    public int revokeAll(UUID userId) {
        return jdbc.sql("update linked_devices set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(ts(Instant.now(clock)), userId)
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 400 ? value : value.substring(0, 400);
    }
}
