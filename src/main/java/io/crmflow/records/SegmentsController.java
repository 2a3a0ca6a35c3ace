package io.crmflow.records;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

/** {@code /api/v1/segments}: saved filters with their current counts. */
@RestController
class SegmentsController {

    private final Segments segments;

    SegmentsController(Segments segments) {
        this.segments = segments;
    }

    @GetMapping("/api/v1/segments")
    Map<String, List<Segments.SegmentView>> list(@RequestParam(required = false) @Nullable String entity) {
        return Map.of("data", segments.list(entity));
    }

    @GetMapping("/api/v1/segments/{id}")
    Segments.SegmentView get(@PathVariable UUID id) {
        return segments.get(id);
    }

    @PostMapping("/api/v1/segments")
    @ResponseStatus(HttpStatus.CREATED)
    Segments.SegmentView create(@RequestBody Segments.SegmentInput body) {
        return segments.create(body);
    }

    @PatchMapping("/api/v1/segments/{id}")
    Segments.SegmentView update(@PathVariable UUID id, @RequestBody Segments.SegmentInput body) {
        return segments.update(id, body);
    }

    @DeleteMapping("/api/v1/segments/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        segments.delete(id);
        return ResponseEntity.noContent().build();
    }
}
