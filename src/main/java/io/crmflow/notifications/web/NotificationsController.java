package io.crmflow.notifications.web;

import io.crmflow.notifications.Notifications;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.platform.web.FormActions;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's notifications: {@code /api/v1/notifications} and the Notifications page. */
class NotificationsController {

    @RestController
    static class Api {
        private final Notifications notifications;

        Api(Notifications notifications) {
            this.notifications = notifications;
        }

        record UnreadCount(long count) {}

        record MarkedRead(int marked) {}

        /** My notifications in the current workspace, newest first. */
        @GetMapping("/api/v1/notifications")
        CursorPage<Notifications.Notification> list(
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return notifications.list(Cursor.decode(cursor), Cursor.limit(limit));
        }

        @GetMapping("/api/v1/notifications/unread-count")
        UnreadCount unreadCount() {
            return new UnreadCount(notifications.unreadCount());
        }

        /** Marks one read (204); 404 unless it is mine, in this workspace. */
        @PostMapping("/api/v1/notifications/{id}/read")
        ResponseEntity<Void> markRead(@PathVariable UUID id) {
            notifications.markRead(id);
            return ResponseEntity.noContent().build();
        }

        @PostMapping("/api/v1/notifications/read-all")
        MarkedRead markAllRead() {
            return new MarkedRead(notifications.markAllRead());
        }
    }

    @Controller
    static class Page {
        private final Notifications notifications;

        Page(Notifications notifications) {
            this.notifications = notifications;
        }

        @GetMapping("/notifications")
        String page(@RequestParam(required = false) @Nullable String cursor, Model model) {
            model.addAttribute("page", notifications.list(Cursor.decode(cursor), 50));
            return "notifications/notifications";
        }

        /** The header's badge alone, for htmx to refresh it. */
        @GetMapping("/notifications/badge")
        String badge() {
            return "notifications/badge :: badge";
        }

        @PostMapping("/notifications/{id}/read")
        String markRead(@PathVariable UUID id, RedirectAttributes flash) {
            return FormActions.attempt(flash, "/notifications", null, () -> notifications.markRead(id));
        }

        @PostMapping("/notifications/read-all")
        String markAllRead(RedirectAttributes flash) {
            notifications.markAllRead();
            flash.addFlashAttribute("notice", "All notifications marked read.");
            return "redirect:/notifications";
        }
    }
}
