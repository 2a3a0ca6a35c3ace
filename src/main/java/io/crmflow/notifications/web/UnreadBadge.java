package io.crmflow.notifications.web;

import io.crmflow.notifications.Notifications;
import org.jspecify.annotations.Nullable;

/**
 * The unread count for the header's bell, counted once and only when a page renders it: JSON answers and
 * redirects never pay for the query.
 */
public final class UnreadBadge {

    private final Notifications notifications;
    private @Nullable Long unread;

    UnreadBadge(Notifications notifications) {
        this.notifications = notifications;
    }

    public long getUnread() {
        if (unread == null) {
            unread = notifications.unreadCount();
        }
        return unread;
    }
}
