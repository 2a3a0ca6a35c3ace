package io.crmflow.records;

import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.web.CursorPage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list queries of one kind of record as its API takes them: list parameters (see {@link ListParams}) with the
 * segment, custom fields (read only when a filter or sort names one) and the caller's visibility applied.
 */
public final class RecordQueries<T> {

    private final String entity;
    private final FieldCatalog catalog;
    private final RecordList<T> list;
    private final JdbcClient jdbc;
    private final RecordAccess access;
    private final CustomFields customFields;
    private final Supplier<Segments> segments;
    private final String sharesTable;
    private final String idColumn;

    /**
     * @param segments supplies the segments service (it depends on every {@link RecordType}, so it comes late)
     * @param sharesTable the table of shares ({@code contact_shares}), keyed by {@code idColumn}
     */
    public RecordQueries(
            String entity,
            FieldCatalog catalog,
            RecordList<T> list,
            JdbcClient jdbc,
            RecordAccess access,
            CustomFields customFields,
            Supplier<Segments> segments,
            String sharesTable,
            String idColumn) {
        this.entity = entity;
        this.catalog = catalog;
        this.list = list;
        this.jdbc = jdbc;
        this.access = access;
        this.customFields = customFields;
        this.segments = segments;
        this.sharesTable = sharesTable;
        this.idColumn = idColumn;
    }

    public CursorPage<T> page(Map<String, String> params) {
        return list.page(jdbc, request(ListParams.from(params, catalog)));
    }

    /** Every match (paging ignored), for exports. */
    public void stream(Map<String, String> params, Consumer<T> sink) {
        list.stream(jdbc, request(ListParams.from(params, catalog)), sink);
    }

    /** The ids of the matches (bulk actions on "all matching"), at most {@code max}. */
    public List<UUID> ids(Map<String, String> params, int max) {
        return list.ids(jdbc, request(ListParams.from(params, catalog)), max);
    }

    public long count(Filter filter) {
        return list.count(jdbc, request(new ListParams(null, filter, null, null, 1, null, false)));
    }

    /** Whether the caller may see the record {@code id} owned by {@code owner} (private workspaces). */
    public boolean canSee(UUID id, @org.jspecify.annotations.Nullable UUID owner) {
        return access.canSee(sharesTable, idColumn, id, owner);
    }

    private RecordList.Request request(ListParams p) {
        Filter filter = p.segmentId() == null
                ? p.filter()
                : Filter.both(p.filter(), segments.get().filterOf(p.segmentId(), entity));
        boolean custom =
                filter.usesCustomFields() || (p.sort() != null && p.sort().contains("custom."));
        return new RecordList.Request(
                access.tenant(),
                filter,
                p.sort(),
                p.limit(),
                p.cursor(),
                p.q(),
                p.trash(),
                custom ? customFields.validator(entity).fields() : Map.of(),
                access.visibility(sharesTable, idColumn));
    }
}
