package io.crmflow.notifications;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notifications. {@link #notify} writes into the current workspace in the caller's transaction, so a
 * notification exists exactly when its cause committed. Everything else acts for the current user only: another
 * member's or another workspace's notification does not exist for them (404).
 */
@Service
public class Notifications {

    private final NotificationRepository notifications;
    private final Clock clock;

    Notifications(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** One notification as its recipient sees it; {@code link} is a local path, {@code readAt} null while unread. */
    public record Notification(
            UUID id,
            String kind,
            String title,
            String body,
            @Nullable String link,
            Instant createdAt,
            @Nullable Instant readAt) {

        public boolean unread() {
            return readAt == null;
        }
    }

    /**
     * Notifies a member of the current workspace. {@code kind} names what happened (e.g. {@code auth.signed_in_qr});
     * {@code link}, when given, must be a local path such as {@code /profile}. Returns the new notification's id.
     */
    @Transactional
    public UUID notify(UUID userId, String kind, String title, String body, @Nullable String link) {
        if (Tenancy.currentTenant().isEmpty()) {
            throw new IllegalStateException("notify needs a workspace: run it in the recipient's workspace");
        }
        if (link != null && !(link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\"))) {
            throw new IllegalArgumentException("link must be a local path: " + link);
        }
        UUID id = Ids.newId();
        notifications.insert(id, userId, kind, title, body, link, Instant.now(clock));
        return id;
    }

    /** The current user's notifications in the current workspace, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<Notification> list(@Nullable Cursor cursor, int limit) {
        var rows =
                notifications.page(cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
        return CursorPage.of(rows, limit, n -> new Cursor(n.createdAt(), n.id()));
    }

    /** How many of the current user's notifications in the current workspace are unread. */
    @Transactional(readOnly = true)
    public long unreadCount() {
        return notifications.countUnread();
    }

    /** Marks one of the current user's notifications read (again is fine); 404 for anyone else's. */
    @Transactional
    public void markRead(UUID id) {
        if (!notifications.exists(id)) {
            throw ApiProblem.notFound("Notification");
        }
        notifications.markRead(id, Instant.now(clock));
    }

    /** Marks all of the current user's notifications in the current workspace read; returns how many changed. */
    @Transactional
    public int markAllRead() {
        return notifications.markAllRead(Instant.now(clock));
    }
}
