package io.crmflow.records;

import io.crmflow.notes.NoteView;
import io.crmflow.notes.Notes;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contact's or company's timeline, notes and shares: {@code /api/v1/contacts/{id}/timeline|notes|shares} and the
 * same under {@code /api/v1/companies}. Every call first checks the record is visible (404 otherwise).
 */
@RestController
class RecordRelationsController {

    private static final String BASE = "/api/v1/{kind:contacts|companies}/{id}";

    private final Map<String, RecordType> types;
    private final Timeline timeline;
    private final Notes notes;
    private final RecordShares shares;

    RecordRelationsController(List<RecordType> types, Timeline timeline, Notes notes, RecordShares shares) {
        this.types = Map.of(
                "contacts", type(types, "contact"),
                "companies", type(types, "company"));
        this.timeline = timeline;
        this.notes = notes;
        this.shares = shares;
    }

    record NoteInput(@Nullable String body, @Nullable UUID parentId) {}

    record ShareInput(@Nullable UUID userId) {}

    /** Changes and notes, newest first; {@code type=change|note} narrows it. */
    @GetMapping(BASE + "/timeline")
    @Transactional(readOnly = true)
    public CursorPage<Timeline.Item> timeline(
            @PathVariable String kind,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        var record = types.get(kind);
        record.ownerOfVisible(id);
        return timeline.of(record.entity(), id, type, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GetMapping(BASE + "/notes")
    @Transactional(readOnly = true)
    public CursorPage<NoteView> notes(
            @PathVariable String kind,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return notes.list(target(kind, id), Cursor.decode(cursor), Cursor.limit(limit));
    }

    /** Adds a note or, with {@code parentId}, a comment (markdown; {@code @[Name](user-id)} notifies that member). */
    @PostMapping(BASE + "/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public NoteView addNote(@PathVariable String kind, @PathVariable UUID id, @RequestBody NoteInput body) {
        return notes.add(target(kind, id), body.body(), body.parentId());
    }

    @GetMapping(BASE + "/shares")
    @Transactional(readOnly = true)
    public Map<String, List<RecordShares.Share>> shares(@PathVariable String kind, @PathVariable UUID id) {
        var record = types.get(kind);
        record.ownerOfVisible(id);
        return Map.of("data", shares.list(record.entity(), id));
    }

    @PostMapping(BASE + "/shares")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    public Map<String, List<RecordShares.Share>> share(
            @PathVariable String kind, @PathVariable UUID id, @RequestBody ShareInput body) {
        var record = types.get(kind);
        shares.add(record.entity(), id, record.ownerOfVisible(id), body.userId());
        return Map.of("data", shares.list(record.entity(), id));
    }

    @DeleteMapping(BASE + "/shares/{userId}")
    @Transactional
    public ResponseEntity<Void> unshare(@PathVariable String kind, @PathVariable UUID id, @PathVariable UUID userId) {
        var record = types.get(kind);
        shares.remove(record.entity(), id, record.ownerOfVisible(id), userId);
        return ResponseEntity.noContent().build();
    }

    private Notes.Target target(String kind, UUID id) {
        var record = types.get(kind);
        record.ownerOfVisible(id);
        return new Notes.Target(record.entity(), id);
    }

    private static RecordType type(List<RecordType> types, String entity) {
        return types.stream().filter(t -> t.entity().equals(entity)).findFirst().orElseThrow();
    }
}
