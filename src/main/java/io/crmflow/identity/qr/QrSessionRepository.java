package io.crmflow.identity.qr;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** QR sessions; every state change is one conditional UPDATE, so two racing requests cannot both win. */
@Repository
class QrSessionRepository {

    private final JdbcClient jdbc;

    QrSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record QrRow(
            UUID id,
            String state,
            @Nullable Integer matchNumber,
            List<Integer> choices,
            Instant createdAt,
            Instant expiresAt,
            @Nullable String requesterIp,
            @Nullable String requesterUserAgent,
            @Nullable UUID scannedBy,
            @Nullable UUID workspaceId,
            @Nullable String denialReason) {

        QrState effectiveState(Instant now) {
            QrState stored = QrState.valueOf(state);
            boolean open = stored == QrState.PENDING || stored == QrState.SCANNED || stored == QrState.APPROVED;
            return open && !expiresAt.isAfter(now) ? QrState.EXPIRED : stored;
        }
    }

    private static final String COLUMNS = "id, state, match_number, choices, created_at, expires_at, requester_ip,"
            + " requester_user_agent, scanned_by, workspace_id, denial_reason";

    void insert(UUID id, byte[] tokenHash, byte[] secretHash, Instant now, Instant expires, String ip, String agent) {
        jdbc.sql("""
                insert into qr_sessions (id, token_hash, desktop_secret_hash, state, created_at, expires_at,
                                         requester_ip, requester_user_agent)
                values (?, ?, ?, 'PENDING', ?, ?, ?, ?)
                """)
                .params(id, tokenHash, secretHash, Timestamp.from(now), Timestamp.from(expires), ip, agent)
                .update();
    }

    Optional<QrRow> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from qr_sessions where id = ?")
                .param(id)
                .query(QrSessionRepository::map)
                .optional();
    }

    Optional<QrRow> findByToken(byte[] tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from qr_sessions where token_hash = ?")
                .param(tokenHash)
                .query(QrSessionRepository::map)
                .optional();
    }

    boolean desktopSecretMatches(UUID id, byte[] secretHash) {
        return jdbc.sql("select exists (select 1 from qr_sessions where id = ? and desktop_secret_hash = ?)")
                .params(id, secretHash)
                .query(Boolean.class)
                .single();
    }

    boolean markScanned(UUID id, UUID user, int match, Integer[] choices, Instant now) {
        return jdbc.sql("""
                        update qr_sessions
                           set state = 'SCANNED', scanned_by = ?, scanned_at = ?, match_number = ?, choices = ?
                         where id = ? and state = 'PENDING' and expires_at > ?
                        """)
                        .params(user, Timestamp.from(now), match, choices, id, Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean approve(UUID id, UUID user, UUID workspace, Instant now) {
        return jdbc.sql("""
                        update qr_sessions set state = 'APPROVED', workspace_id = ?, approved_at = ?
                         where id = ? and state = 'SCANNED' and scanned_by = ? and expires_at > ?
                        """)
                        .params(workspace, Timestamp.from(now), id, user, Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean deny(UUID id, UUID user, String reason) {
        return jdbc.sql("""
                        update qr_sessions set state = 'DENIED', denial_reason = ?
                         where id = ? and state = 'SCANNED' and scanned_by = ?
                        """).params(reason, id, user).update() == 1;
    }

    /** APPROVED → CONSUMED for the desktop holding the secret; returns the approved row, once. */
    Optional<QrRow> consume(UUID id, byte[] secretHash, Instant now) {
        return jdbc.sql("""
                        update qr_sessions set state = 'CONSUMED', consumed_at = ?
                         where id = ? and state = 'APPROVED' and desktop_secret_hash = ? and expires_at > ?
                        returning\s""" + COLUMNS)
                .params(Timestamp.from(now), id, secretHash, Timestamp.from(now))
                .query(QrSessionRepository::map)
                .optional();
    }

    int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("delete from qr_sessions where expires_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    private static QrRow map(ResultSet rs, int row) throws SQLException {
        var choices = rs.getArray("choices");
        List<Integer> numbers = choices == null
                ? List.of()
                : Arrays.stream((Object[]) choices.getArray())
                        .map(o -> ((Number) o).intValue())
                        .toList();
        Object match = rs.getObject("match_number");
        return new QrRow(
                rs.getObject("id", UUID.class),
                rs.getString("state"),
                match == null ? null : ((Number) match).intValue(),
                numbers,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getString("requester_ip"),
                rs.getString("requester_user_agent"),
                rs.getObject("scanned_by", UUID.class),
                rs.getObject("workspace_id", UUID.class),
                rs.getString("denial_reason"));
    }
}
