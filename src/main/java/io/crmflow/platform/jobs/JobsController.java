package io.crmflow.platform.jobs;

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

/** Jobs for workspace admins: {@code /api/v1/admin/jobs} and the Settings → Jobs page. */
class JobsController {

    @RestController
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Api {
        private final JobsAdmin jobs;

        Api(JobsAdmin jobs) {
            this.jobs = jobs;
        }

        /** The current workspace's jobs, newest first; {@code status} = queued|running|failed|succeeded|cancelled. */
        @GetMapping("/api/v1/admin/jobs")
        CursorPage<JobsAdmin.JobView> list(
                @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return jobs.list(status, Cursor.decode(cursor), Cursor.limit(limit));
        }

        /** Runs a FAILED job again now. */
        @PostMapping("/api/v1/admin/jobs/{id}/retry")
        JobsAdmin.JobView retry(@PathVariable UUID id) {
            return jobs.retry(id);
        }

        /** Removes a QUEUED job before it runs. */
        @PostMapping("/api/v1/admin/jobs/{id}/cancel")
        JobsAdmin.JobView cancel(@PathVariable UUID id) {
            return jobs.cancel(id);
        }
    }

    @Controller
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Page {
        private final JobsAdmin jobs;

        Page(JobsAdmin jobs) {
            this.jobs = jobs;
        }

        @GetMapping("/settings/jobs")
        String page(
                @RequestParam(required = false) @Nullable String status,
                @RequestParam(required = false) @Nullable String cursor,
                Model model) {
            model.addAttribute("page", jobs.list(status, Cursor.decode(cursor), 50));
            model.addAttribute("status", status);
            return "platform/jobs";
        }

        @PostMapping("/settings/jobs/{id}/retry")
        String retry(@PathVariable UUID id, RedirectAttributes flash) {
            return FormActions.attempt(flash, "/settings/jobs", "Job queued again.", () -> jobs.retry(id));
        }

        @PostMapping("/settings/jobs/{id}/cancel")
        String cancel(@PathVariable UUID id, RedirectAttributes flash) {
            return FormActions.attempt(flash, "/settings/jobs", "Job cancelled.", () -> jobs.cancel(id));
        }
    }
}
