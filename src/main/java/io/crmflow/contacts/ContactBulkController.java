package io.crmflow.contacts;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/contacts/bulk}; undo with {@code POST /api/v1/undo/{undoId}}. */
@RestController
class ContactBulkController {

    private final ContactBulk bulk;

    ContactBulkController(ContactBulk bulk) {
        this.bulk = bulk;
    }

    /**
     * {@code {ids: [...]} or {all: true, query: {q, filter, tags, …}}} with {@code action}: {@code update {field,
     * value}}, {@code addTag}/{@code removeTag {tag}}, {@code changeOwner {ownerId}}, {@code delete} →
     * {@code {undoId, affected}}.
     */
    @PostMapping("/api/v1/contacts/bulk")
    io.crmflow.records.BulkActions.Done run(@RequestBody Map<String, Object> body) {
        return bulk.run(body);
    }
}
