package io.crmflow.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notifications} table. Row level security confines every statement to the transaction's workspace; each
 * read and update here also names the transaction's user ({@code app.user_id}), so nobody sees or marks another
 * member's notifications.
 */
@Repository
class NotificationRepository {

    /** The current user's rows in the current workspace (the tenant term repeats the policy for the index). */
    private static final String MINE = " tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid"
            + " and user_id = nullif(current_setting('app.user_id', true), '')::uuid";

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID userId, String kind, String title, String body, @Nullable String link, Instant now) {
        jdbc.sql("""
                insert into notifications (tenant_id, id, user_id, kind, title, body, link, created_at)
                values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, userId, kind, title, body, link, Timestamp.from(now))
                .update();
    }

    /** The current user's notifications, newest first, after the keyset position when one is given. */
    List<Notifications.Notification> page(@Nullable Instant beforeAt, @Nullable UUID beforeId, int limit) {
        String keyset = beforeAt == null ? "" : " and (created_at, id) < (?, ?)";
        var statement = jdbc.sql("select id, kind, title, body, link, created_at, read_at from notifications"
                + " where" + MINE + keyset
                + " order by created_at desc, id desc limit ?");
        if (beforeAt != null) {
            statement = statement.param(Timestamp.from(beforeAt)).param(beforeId);
        }
        return statement.param(limit).query(NotificationRepository::map).list();
    }

    long countUnread() {
        return jdbc.sql("select count(*) from notifications where" + MINE + " and read_at is null")
                .query(Long.class)
                .single();
    }

    /** Whether the current user has this notification (read or not). */
    boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from notifications where" + MINE + " and id = ?)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    /** Marks one notification read, keeping the first time it was read. */
    void markRead(UUID id, Instant now) {
        jdbc.sql("update notifications set read_at = ? where" + MINE + " and id = ? and read_at is null")
                .params(Timestamp.from(now), id)
                .update();
    }

    int markAllRead(Instant now) {
        return jdbc.sql("update notifications set read_at = ? where" + MINE + " and read_at is null")
                .param(Timestamp.from(now))
                .update();
    }

    private static Notifications.Notification map(ResultSet rs, int row) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new Notifications.Notification(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("link"),
                rs.getTimestamp("created_at").toInstant(),
                readAt == null ? null : readAt.toInstant());
    }
}
