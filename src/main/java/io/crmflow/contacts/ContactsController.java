package io.crmflow.contacts;

import io.crmflow.platform.web.CursorPage;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/contacts}. */
@RestController
class ContactsController {

    private final Contacts contacts;

    ContactsController(Contacts contacts) {
        this.contacts = contacts;
    }

    /**
     * Lists contacts: {@code q} (full text and typo-tolerant), {@code filter} (JSON), {@code segmentId},
     * {@code <field>=<value>} shortcuts, {@code sort}, {@code limit}, {@code cursor}, {@code trash=true}.
     */
    @GetMapping("/api/v1/contacts")
    CursorPage<ContactView> list(@RequestParam Map<String, String> params) {
        return contacts.list(params);
    }

    /** Creates a contact; the answer lists {@code possibleDuplicates}. */
    @PostMapping("/api/v1/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    ContactView create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = ContactInput.class)))
                    @RequestBody
                    Map<String, Object> body) {
        return contacts.create(body);
    }

    @GetMapping("/api/v1/contacts/{id}")
    ContactView get(@PathVariable UUID id) {
        return contacts.get(id);
    }

    /** Partial update: fields absent stay as they are, fields given as null are cleared. */
    @PatchMapping("/api/v1/contacts/{id}")
    ContactView update(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = ContactInput.class)))
                    @RequestBody
                    Map<String, Object> body) {
        return contacts.update(id, body);
    }

    /** Moves the contact to the trash (restorable for 30 days). */
    @DeleteMapping("/api/v1/contacts/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        contacts.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/contacts/{id}/restore")
    ContactView restore(@PathVariable UUID id) {
        return contacts.restore(id);
    }

    @GetMapping("/api/v1/contacts/{id}/past-companies")
    Map<String, List<Map<String, Object>>> pastCompanies(@PathVariable UUID id) {
        return Map.of("data", contacts.pastCompanies(id));
    }
}
