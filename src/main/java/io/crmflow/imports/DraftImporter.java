package io.crmflow.imports;

import io.crmflow.imports.TabularSource.SourceRow;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reading and matching common to contacts and companies. Rows are matched against live records with one query per
 * batch, then in file order: a key seen earlier in the batch means the same record, so duplicate rows update the
 * record the first one created. External ids are unique per workspace (trash included), which is checked here so
 * that the set-based write cannot fail on a single row.
 */
abstract class DraftImporter<D extends Draft<D>> implements EntityImporter {

    /** A record holding an external id. */
    record Holder(UUID id, boolean deleted) {}

    abstract D read(long row, Cells cells, ImportSettings settings, ImportContext context, List<RowError> errors);

    /** Live records by match key ({@code email} or {@code domain}). */
    abstract Map<String, UUID> liveByKey(String matchBy, Set<String> keys);

    /** Records (also in the trash) by external id. */
    abstract Map<String, Holder> byExternalId(Set<String> externalIds);

    @Override
    public Batch<?> plan(ImportSettings s, ImportContext ctx, List<SourceRow> rows, boolean preview) {
        var batch = new Batch<D>();
        List<D> drafts = new ArrayList<>();
        Map<Long, List<RowError>> rowErrors = new HashMap<>();
        Map<Long, Cells> read = new HashMap<>();
        for (SourceRow row : rows) {
            batch.rows++;
            List<RowError> errors = new ArrayList<>();
            rowErrors.put(row.number(), errors);
            if (row.error() != null) {
                errors.add(new RowError(row.number(), null, row.error()));
                continue;
            }
            Cells cells = new Cells(s, row.cells());
            read.put(row.number(), cells);
            D draft = read(row.number(), cells, s, ctx, errors);
            if (errors.isEmpty()) {
                drafts.add(draft);
            }
        }
        boolean byExternal = s.matchBy().equals("externalId");
        Set<String> keys = new LinkedHashSet<>();
        Set<String> externalIds = new LinkedHashSet<>();
        for (D d : drafts) {
            String key = d.key(s.matchBy());
            if (key != null) {
                keys.add(key);
            }
            if (d.externalId != null) {
                externalIds.add(d.externalId);
            }
        }
        Map<String, Holder> holders = byExternalId(externalIds);
        Map<String, UUID> existing = new HashMap<>();
        if (byExternal) {
            holders.forEach((ext, h) -> {
                if (!h.deleted()) {
                    existing.put(ext, h.id());
                }
            });
        } else {
            existing.putAll(liveByKey(s.matchBy(), keys));
        }
        Map<String, UUID> batchKeys = new HashMap<>();
        Map<String, UUID> externalOwners = new HashMap<>();
        holders.forEach((ext, h) -> externalOwners.put(ext, h.id()));
        Map<String, String> headers = s.headerByTarget();
        String keyColumn = headers.getOrDefault(s.matchBy(), s.matchBy());
        String externalColumn = headers.getOrDefault("externalId", "externalId");
        for (D d : drafts) {
            List<RowError> errors = rowErrors.get(d.row);
            String key = d.key(s.matchBy());
            UUID id = key == null ? null : batchKeys.getOrDefault(key, existing.get(key));
            boolean creating = id == null;
            String refusal = refusal(s, d, key, creating, holders);
            if (refusal != null) {
                errors.add(new RowError(d.row, refusal.startsWith("a ") ? null : keyColumn, refusal));
                continue;
            }
            var fieldErrors = new ArrayList<ApiProblem.FieldError>();
            d.custom = ctx.custom().apply(Map.of(), d.customChanges, creating, fieldErrors);
            for (var e : fieldErrors) {
                String target = Targets.CUSTOM + e.field().substring(e.field().indexOf('.') + 1);
                errors.add(new RowError(d.row, headers.getOrDefault(target, target), e.message()));
            }
            if (d.externalId != null) {
                UUID holder = externalOwners.get(d.externalId);
                if (holder != null && !holder.equals(id)) {
                    errors.add(new RowError(
                            d.row,
                            externalColumn,
                            "external id '" + ContactDraft.clip(d.externalId) + "' belongs to another " + entity()));
                }
            }
            if (!errors.isEmpty()) {
                continue;
            }
            if (creating) {
                id = Ids.newId();
                batch.creates.put(id, d);
                batch.created++;
            } else {
                D pending = batch.creates.containsKey(id) ? batch.creates.get(id) : batch.updates.get(id);
                if (pending == null) {
                    batch.updates.put(id, d);
                } else {
                    pending.absorb(d);
                }
                batch.updated++;
            }
            if (key != null) {
                batchKeys.put(key, id);
            }
            if (d.externalId != null) {
                externalOwners.put(d.externalId, id);
            }
            if (preview) {
                batch.preview.add(new Batch.PreviewRow(
                        d.row, creating ? "create" : "update", read.get(d.row).asRead(), List.of()));
            }
        }
        Comparator<RowError> byColumn = Comparator.comparingInt(
                e -> e.column() == null ? -1 : s.headers().indexOf(e.column()));
        for (SourceRow row : rows) {
            List<RowError> errors = rowErrors.get(row.number());
            errors.sort(byColumn);
            batch.errors.addAll(errors);
            if (preview && !errors.isEmpty()) {
                Cells cells = read.get(row.number());
                batch.preview.add(
                        new Batch.PreviewRow(row.number(), null, cells == null ? Map.of() : cells.asRead(), errors));
            }
        }
        batch.preview.sort(Comparator.comparingLong(Batch.PreviewRow::row));
        return batch;
    }

    /** Why the mode forbids this row, or null. Messages starting with "a " concern the row, not the key column. */
    private @Nullable String refusal(
            ImportSettings s, D d, @Nullable String key, boolean creating, Map<String, Holder> holders) {
        String by = s.matchBy().equals("externalId") ? "external id" : s.matchBy();
        if (creating && !s.creates()) {
            return key == null
                    ? "no " + by + " to find the " + entity() + " to update (mode update)"
                    : "no " + entity() + " with this " + by + " exists (mode update)";
        }
        if (!creating && !s.updates()) {
            return "already exists: a " + entity() + " with this " + by + " exists (mode create)";
        }
        if (creating && key != null && s.matchBy().equals("externalId") && holders.containsKey(key)) {
            return "the " + entity() + " with this external id is in the trash; restore it first";
        }
        return creating ? d.missingForCreate() : null;
    }
}
