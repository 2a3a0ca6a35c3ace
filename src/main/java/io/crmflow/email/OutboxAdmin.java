package io.crmflow.email;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.Cursor;
import io.crmflow.platform.web.CursorPage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current workspace's outbox, for its OWNERs and ADMINs (the web layer checks the role). Bodies of account mail
 * (password reset, verification) carry single-use secrets and are never shown: only their metadata.
 */
@Service
public class OutboxAdmin {

    private final OutboxRepository outbox;
    private final AuditLog audit;
    private final Clock clock;

    OutboxAdmin(OutboxRepository outbox, AuditLog audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** One outbox row as an admin sees it; {@code textBody} is null for account mail. */
    public record OutboxEntry(
            UUID id,
            String kind,
            String recipient,
            String subject,
            String status,
            int attempts,
            @Nullable String lastError,
            Instant createdAt,
            Instant nextAttemptAt,
            @Nullable Instant sentAt,
            boolean accountMail,
            @Nullable String textBody) {}

    @Transactional(readOnly = true)
    public CursorPage<OutboxEntry> list(@Nullable Cursor cursor, int limit) {
        UUID workspace = Tenancy.currentTenant().orElse(null);
        if (workspace == null) {
            return new CursorPage<>(List.of(), null);
        }
        var rows = outbox.ofWorkspace(
                workspace, cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
        return CursorPage.of(rows, limit, r -> new Cursor(r.createdAt(), r.id()))
                .map(OutboxAdmin::entry);
    }

    /** Queues a FAILED mail again with fresh attempts; 404 outside the workspace, 409 unless FAILED. */
    @Transactional
    public OutboxEntry retry(UUID id) {
        UUID workspace = Tenancy.currentTenant().orElseThrow(() -> ApiProblem.notFound("Mail"));
        outbox.findInWorkspace(workspace, id).orElseThrow(() -> ApiProblem.notFound("Mail"));
        if (!outbox.requeue(workspace, id, Instant.now(clock))) {
            throw ApiProblem.conflict("mail_not_failed", "Only mail that failed for good can be retried");
        }
        audit.record("email.retried", "email", id, Map.of());
        return entry(outbox.findInWorkspace(workspace, id).orElseThrow());
    }

    private static OutboxEntry entry(OutboxRepository.OutboxRow row) {
        return new OutboxEntry(
                row.id(),
                row.kind(),
                row.recipient(),
                row.subject(),
                row.status(),
                row.attempts(),
                row.lastError(),
                row.createdAt(),
                row.nextAttemptAt(),
                row.sentAt(),
                row.accountMail(),
                row.accountMail() ? null : row.textBody());
    }
}
