package io.crmflow.contacts;

import io.crmflow.companies.CompanyBulk;
import io.crmflow.companies.CompanyMerges;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.UndoLog;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Undoes a bulk action or a merge of contacts or companies, once. Lives here because contacts may call companies
 * (not the other way round), so this is the one place that knows every kind of undo entry.
 */
@Service
public class Undos {

    private final UndoLog log;
    private final RecordAccess access;
    private final ContactMerges contactMerges;
    private final CompanyMerges companyMerges;
    private final ContactBulk contactBulk;
    private final CompanyBulk companyBulk;

    Undos(
            UndoLog log,
            RecordAccess access,
            ContactMerges contactMerges,
            CompanyMerges companyMerges,
            ContactBulk contactBulk,
            CompanyBulk companyBulk) {
        this.log = log;
        this.access = access;
        this.contactMerges = contactMerges;
        this.companyMerges = companyMerges;
        this.contactBulk = contactBulk;
        this.companyBulk = companyBulk;
    }

    /** What an undo answers. */
    public record Undone(UUID undoId, String kind, String entity, String action, List<UUID> restoredIds) {}

    /** Undoes entry {@code id}; with {@code mergesOnly} an entry that is not a merge is a 404. */
    @Transactional
    public Undone undo(UUID id, boolean mergesOnly) {
        var found = log.find(id);
        if (mergesOnly && !"merge".equals(found.kind())) {
            throw ApiProblem.notFound("merge");
        }
        UUID user = Tenancy.current().userId();
        if (!access.seesAll() && found.userId() != null && !found.userId().equals(user)) {
            throw ApiProblem.forbidden("not_yours", "Only who did it, or an owner or admin, can undo this");
        }
        var entry = log.claim(id);
        List<UUID> restored = switch (entry.kind() + "/" + entry.entity()) {
            case "merge/contact" -> contactMerges.undo(entry.recordIds().getFirst(), entry.snapshot());
            case "merge/company" -> companyMerges.undo(entry.recordIds().getFirst(), entry.snapshot());
            case "bulk/contact" -> contactBulk.undo(entry);
            default -> companyBulk.undo(entry);
        };
        return new Undone(entry.id(), entry.kind(), entry.entity(), entry.action(), restored);
    }
}
