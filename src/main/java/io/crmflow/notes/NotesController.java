package io.crmflow.notes;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/notes/{id}}: read, edit (author or admin) and delete one note. */
@RestController
class NotesController {

    private final Notes notes;

    NotesController(Notes notes) {
        this.notes = notes;
    }

    record NoteInput(@Nullable String body) {}

    @GetMapping("/api/v1/notes/{id}")
    NoteView get(@PathVariable UUID id) {
        return notes.get(id);
    }

    @PatchMapping("/api/v1/notes/{id}")
    NoteView update(@PathVariable UUID id, @RequestBody NoteInput body) {
        return notes.update(id, body.body());
    }

    @DeleteMapping("/api/v1/notes/{id}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable UUID id) {
        notes.delete(id);
        return ResponseEntity.noContent().build();
    }
}
