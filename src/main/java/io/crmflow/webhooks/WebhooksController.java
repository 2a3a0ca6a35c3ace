package io.crmflow.webhooks;

import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Webhooks for workspace admins: {@code /api/v1/webhooks} and the Settings → Webhooks page. */
class WebhooksController {

    @RestController
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Api {
        private final Webhooks webhooks;

        Api(Webhooks webhooks) {
            this.webhooks = webhooks;
        }

        /** Registers an endpoint; the answer holds its signing {@code secret}, never shown again. */
        @PostMapping("/api/v1/webhooks")
        @ResponseStatus(HttpStatus.CREATED)
        Webhooks.CreatedWebhook create(@RequestBody Webhooks.WebhookInput body) {
            return webhooks.create(body);
        }

        @GetMapping("/api/v1/webhooks")
        CursorPage<Webhooks.WebhookView> list(
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return webhooks.list(Cursor.decode(cursor), Cursor.limit(limit));
        }

        @GetMapping("/api/v1/webhooks/{id}")
        Webhooks.WebhookView get(@PathVariable UUID id) {
            return webhooks.get(id);
        }

        @PatchMapping("/api/v1/webhooks/{id}")
        Webhooks.WebhookView update(@PathVariable UUID id, @RequestBody Webhooks.WebhookInput body) {
            return webhooks.update(id, body);
        }

        @DeleteMapping("/api/v1/webhooks/{id}")
        ResponseEntity<Void> delete(@PathVariable UUID id) {
            webhooks.delete(id);
            return ResponseEntity.noContent().build();
        }

        /** A new secret, shown once; the previous one keeps signing for 24 hours. */
        @PostMapping("/api/v1/webhooks/{id}/rotate-secret")
        Webhooks.RotatedSecret rotate(@PathVariable UUID id) {
            return webhooks.rotateSecret(id);
        }

        @PostMapping("/api/v1/webhooks/{id}/test")
        @ResponseStatus(HttpStatus.ACCEPTED)
        Webhooks.DeliveryView test(@PathVariable UUID id) {
            return webhooks.sendTest(id);
        }

        @GetMapping("/api/v1/webhooks/{id}/deliveries")
        CursorPage<Webhooks.DeliveryView> deliveries(
                @PathVariable UUID id,
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return webhooks.deliveries(id, Cursor.decode(cursor), Cursor.limit(limit));
        }

        @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
        @ResponseStatus(HttpStatus.ACCEPTED)
        Webhooks.DeliveryView redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
            return webhooks.redeliver(id, deliveryId);
        }
    }

    @Controller
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Page {
        private final Webhooks webhooks;

        Page(Webhooks webhooks) {
            this.webhooks = webhooks;
        }

        record WebhookForm(@Nullable String url, @Nullable List<String> events) {}

        @GetMapping("/settings/webhooks")
        String page(@RequestParam(required = false) @Nullable UUID log, Model model) {
            return show(model, log);
        }

        /** Shows the new secret on the page itself (never in a redirect or the session), once. */
        @PostMapping("/settings/webhooks")
        String create(WebhookForm form, Model model) {
            try {
                model.addAttribute(
                        "created", webhooks.create(new Webhooks.WebhookInput(form.url(), form.events(), true)));
            } catch (ApiProblem problem) {
                model.addAttribute(
                        "error",
                        problem.errors().isEmpty()
                                ? problem.getMessage()
                                : problem.errors().getFirst().field() + " "
                                        + problem.errors().getFirst().message());
            }
            return show(model, null);
        }

        @PostMapping("/settings/webhooks/{id}/test")
        String test(@PathVariable UUID id, RedirectAttributes flash) {
            webhooks.sendTest(id);
            flash.addFlashAttribute("notice", "Test event queued.");
            return "redirect:/settings/webhooks?log=" + id;
        }

        @PostMapping("/settings/webhooks/{id}/delete")
        String delete(@PathVariable UUID id, RedirectAttributes flash) {
            webhooks.delete(id);
            flash.addFlashAttribute("notice", "Webhook deleted.");
            return "redirect:/settings/webhooks";
        }

        private String show(Model model, @Nullable UUID log) {
            model.addAttribute("page", webhooks.list(null, 100));
            model.addAttribute("eventTypes", EventTypes.ALL);
            if (log != null) {
                model.addAttribute("logOf", webhooks.get(log));
                model.addAttribute(
                        "deliveries", webhooks.deliveries(log, null, 50).data());
            }
            return "webhooks/webhooks";
        }
    }
}
