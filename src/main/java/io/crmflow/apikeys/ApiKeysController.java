package io.crmflow.apikeys;

import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.platform.web.FormActions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API keys for workspace admins: {@code /api/v1/api-keys} and the Settings → API keys page. */
class ApiKeysController {

    @RestController
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Api {
        private final ApiKeys keys;

        Api(ApiKeys keys) {
            this.keys = keys;
        }

        /** Creates a key; the answer holds its secret, {@code key}, which is never shown again. */
        @PostMapping("/api/v1/api-keys")
        @ResponseStatus(HttpStatus.CREATED)
        ApiKeys.CreatedKey create(@RequestBody ApiKeys.NewKey body) {
            return keys.create(body);
        }

        /** The workspace's keys that are not revoked, newest first. */
        @GetMapping("/api/v1/api-keys")
        CursorPage<ApiKeys.ApiKeyView> list(
                @RequestParam(required = false) @Nullable Integer limit,
                @RequestParam(required = false) @Nullable String cursor) {
            return keys.list(Cursor.decode(cursor), Cursor.limit(limit));
        }

        @DeleteMapping("/api/v1/api-keys/{id}")
        ResponseEntity<Void> revoke(@PathVariable UUID id) {
            keys.revoke(id);
            return ResponseEntity.noContent().build();
        }
    }

    @Controller
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
    static class Page {
        private static final List<String> OFFERED = List.of("read", "write", "admin");

        private final ApiKeys keys;

        Page(ApiKeys keys) {
            this.keys = keys;
        }

        /** The create form; {@code extraScopes} takes per-resource scopes, separated by spaces or commas. */
        record KeyForm(
                @Nullable String name,
                @Nullable List<String> scopes,
                @Nullable String extraScopes,
                @Nullable LocalDate expiresOn) {}

        @GetMapping("/settings/api-keys")
        String page(@RequestParam(required = false) @Nullable String cursor, Model model) {
            return show(model, cursor);
        }

        /** Shows the new secret on the page itself (never in a redirect or the session), once. */
        @PostMapping("/settings/api-keys")
        String create(KeyForm form, Model model) {
            List<String> scopes = new ArrayList<>(form.scopes() == null ? List.of() : form.scopes());
            if (form.extraScopes() != null) {
                for (String s : form.extraScopes().split("[\\s,]+")) {
                    if (!s.isBlank()) scopes.add(s);
                }
            }
            var expiresAt = form.expiresOn() == null
                    ? null
                    : form.expiresOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            try {
                model.addAttribute("created", keys.create(new ApiKeys.NewKey(form.name(), scopes, expiresAt)));
            } catch (ApiProblem problem) {
                model.addAttribute("error", message(problem));
                model.addAttribute("form", form);
            }
            return show(model, null);
        }

        @PostMapping("/settings/api-keys/{id}/revoke")
        String revoke(@PathVariable UUID id, RedirectAttributes flash) {
            return FormActions.attempt(
                    flash, "/settings/api-keys", "API key revoked: it no longer works.", () -> keys.revoke(id));
        }

        private String show(Model model, @Nullable String cursor) {
            model.addAttribute("page", keys.list(Cursor.decode(cursor), 50));
            model.addAttribute("offered", OFFERED);
            return "apikeys/api-keys";
        }

        private static String message(ApiProblem problem) {
            if (problem.errors().isEmpty()) {
                return problem.getMessage();
            }
            return problem.errors().stream()
                    .map(e -> e.field() + " " + e.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
        }
    }
}
