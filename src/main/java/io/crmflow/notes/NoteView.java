package io.crmflow.notes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A note as the API shows it: the markdown {@code body} as written and its sanitised {@code html}. */
public record NoteView(
        UUID id,
        @Nullable UUID contactId,
        @Nullable UUID companyId,
        @Nullable UUID parentId,
        String body,
        String html,
        @Nullable UUID authorId,
        List<UUID> mentions,
        Instant createdAt,
        Instant updatedAt) {}
