package io.crmflow.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/contacts/duplicates}, {@code /api/v1/contacts/merge}, and the undo of merges and bulk actions of
 * contacts and companies: {@code /api/v1/merges/{id}/undo} and {@code /api/v1/undo/{id}}.
 */
@RestController
class ContactMergesController {

    private final ContactDuplicates duplicates;
    private final ContactMerges merges;
    private final Undos undos;

    ContactMergesController(ContactDuplicates duplicates, ContactMerges merges, Undos undos) {
        this.duplicates = duplicates;
        this.merges = merges;
        this.undos = undos;
    }

    /** Groups of likely duplicates, highest confidence first: {@code limit} (default 20), {@code cursor}. */
    @GetMapping("/api/v1/contacts/duplicates")
    ContactDuplicates.Page duplicates(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return duplicates.groups(limit, cursor);
    }

    /** Marks {@code {ids: [a, b, …]}} (2–5) as not duplicates of each other. */
    @PostMapping("/api/v1/contacts/duplicates/ignore")
    ResponseEntity<Void> ignore(@RequestBody Map<String, Object> body) {
        duplicates.ignore(body.get("ids") instanceof List<?> ids ? ids : null);
        return ResponseEntity.noContent().build();
    }

    /** {@code {survivorId, mergedIds: [1–4], fields: {fieldName: recordId}}}. */
    @PostMapping("/api/v1/contacts/merge")
    ContactMerges.Merged merge(@RequestBody Map<String, Object> body) {
        return merges.merge(body);
    }

    /** Undoes a merge of contacts or companies within 30 days, once (409 after). */
    @PostMapping("/api/v1/merges/{id}/undo")
    Undos.Undone undoMerge(@PathVariable UUID id) {
        return undos.undo(id, true);
    }

    /** Undoes a bulk action or a merge, once (409 after). */
    @PostMapping("/api/v1/undo/{id}")
    Undos.Undone undo(@PathVariable UUID id) {
        return undos.undo(id, false);
    }
}
