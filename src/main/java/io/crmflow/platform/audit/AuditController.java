package io.crmflow.platform.audit;

import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for workspace admins: {@code GET /api/v1/audit-events} and the Settings → Audit log page. */
class AuditController {

    @RestController
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Api {
        private final AuditEvents events;

        Api(AuditEvents events) {
            this.events = events;
        }

        /** Audit events of the current workspace, newest first. */
        @GetMapping("/api/v1/audit-events")
        CursorPage<AuditEvents.AuditEventView> list(
                @RequestParam(required = false) @Nullable String action,
                @RequestParam(required = false) @Nullable String entityType,
                @RequestParam(required = false) @Nullable String entityId,
                @RequestParam(required = false) @Nullable UUID actor,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                        Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                        Instant to,
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return events.list(
                    new AuditEvents.Filter(action, entityType, entityId, actor, from, to),
                    Cursor.decode(cursor),
                    Cursor.limit(limit));
        }
    }

    @Controller
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Page {
        private final AuditEvents events;

        Page(AuditEvents events) {
            this.events = events;
        }

        @GetMapping("/settings/audit")
        String page(
                @RequestParam(required = false) @Nullable String action,
                @RequestParam(required = false) @Nullable String entityType,
                @RequestParam(required = false) @Nullable String cursor,
                @RequestHeader(value = "HX-Request", required = false) @Nullable String htmx,
                Model model) {
            var filter = new AuditEvents.Filter(action, entityType, null, null, null, null);
            model.addAttribute("page", events.list(filter, Cursor.decode(cursor), 50));
            model.addAttribute("action", action);
            model.addAttribute("entityType", entityType);
            return htmx != null ? "platform/audit :: rows" : "platform/audit";
        }
    }
}
