package io.crmflow.email;

import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.platform.web.FormActions;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox for workspace admins: {@code /api/v1/admin/outbox} and the Settings → Outbox page. */
class OutboxController {

    @RestController
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Api {
        private final OutboxAdmin outbox;

        Api(OutboxAdmin outbox) {
            this.outbox = outbox;
        }

        /** The current workspace's mail, newest first. */
        @GetMapping("/api/v1/admin/outbox")
        CursorPage<OutboxAdmin.OutboxEntry> list(
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return outbox.list(Cursor.decode(cursor), Cursor.limit(limit));
        }

        /** Queues a FAILED mail again. */
        @PostMapping("/api/v1/admin/outbox/{id}/retry")
        OutboxAdmin.OutboxEntry retry(@PathVariable UUID id) {
            return outbox.retry(id);
        }
    }

    @Controller
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Page {
        private final OutboxAdmin outbox;

        Page(OutboxAdmin outbox) {
            this.outbox = outbox;
        }

        @GetMapping("/settings/outbox")
        String page(@RequestParam(required = false) @Nullable String cursor, Model model) {
            model.addAttribute("page", outbox.list(Cursor.decode(cursor), 50));
            return "email/outbox";
        }

        @PostMapping("/settings/outbox/{id}/retry")
        String retry(@PathVariable UUID id, RedirectAttributes flash) {
            return FormActions.attempt(flash, "/settings/outbox", "Mail queued again.", () -> outbox.retry(id));
        }
    }
}
