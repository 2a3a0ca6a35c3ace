package io.crmflow.contacts;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** GDPR: {@code GET /api/v1/contacts/{id}/gdpr-export}, {@code POST /api/v1/contacts/{id}/erase {confirm: true}}. */
@RestController
class ContactGdprController {

    private final ContactGdpr gdpr;

    ContactGdprController(ContactGdpr gdpr) {
        this.gdpr = gdpr;
    }

    @GetMapping("/api/v1/contacts/{id}/gdpr-export")
    ResponseEntity<Map<String, Object>> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"contact-" + id + ".json\"")
                .body(gdpr.export(id));
    }

    /** Hard delete; 204. */
    @PostMapping("/api/v1/contacts/{id}/erase")
    ResponseEntity<Void> erase(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        gdpr.erase(id, body.get("confirm"));
        return ResponseEntity.noContent().build();
    }
}
