package io.crmflow.contacts;

import io.crmflow.platform.web.Cursor;
import io.crmflow.records.DuplicateGroups;
import io.crmflow.records.MergeRequest;
import io.crmflow.records.RecordAccess;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds groups of live contacts that are likely the same person across the workspace: the same address in any of
 * their emails (confidence 0.95), the same external id ignoring case (0.9), the same phone (0.8), or a similar
 * full name (trigram similarity ≥ 0.5) at the same company (0.4 + 0.5 × similarity). Pairs marked "not a
 * duplicate" and trashed or merged contacts are left out. One set-based query per request (ADR 12).
 */
@Service
public class ContactDuplicates {

    static final int MAX_PAIRS = 20_000;
    private static final int KEY_MAX_SHARED = 50;

    private final ContactRepository contacts;
    private final Contacts service;
    private final RecordAccess access;
    private final Clock clock;

    ContactDuplicates(ContactRepository contacts, Contacts service, RecordAccess access, Clock clock) {
        this.contacts = contacts;
        this.service = service;
        this.access = access;
        this.clock = clock;
    }

    /** A group of likely duplicates as the API shows it, records oldest first. */
    public record Group(List<UUID> ids, double confidence, List<String> reasons, List<ContactView> records) {}

    public record Page(List<Group> data, @Nullable String nextCursor) {}

    /** Groups ranked by confidence (highest first); {@code cursor} is the previous page's {@code nextCursor}. */
    @Transactional(readOnly = true)
    public Page groups(@Nullable Integer limit, @Nullable String cursor) {
        int size = Cursor.limit(limit == null ? 20 : limit);
        int offset = DuplicateGroups.offset(cursor);
        var all = DuplicateGroups.of(pairs());
        var page = all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
        var ids = page.stream().flatMap(g -> g.ids().stream()).toList();
        Map<UUID, ContactView> views = contacts
                .jdbc()
                .sql("select " + ContactRepository.COLUMNS + " from contacts r where r.id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(contacts::map)
                .list()
                .stream()
                .collect(Collectors.toMap(ContactView::id, Function.identity()));
        var groups = page.stream()
                .map(g -> {
                    var records = g.ids().stream()
                            .map(views::get)
                            .sorted(Comparator.comparing(ContactView::createdAt).thenComparing(ContactView::id))
                            .toList();
                    return new Group(
                            records.stream().map(ContactView::id).toList(), g.confidence(), g.reasons(), records);
                })
                .toList();
        return new Page(groups, offset + size < all.size() ? String.valueOf(offset + size) : null);
    }

    private List<DuplicateGroups.Pair> pairs() {
        contacts.jdbc()
                .sql("select set_config('pg_trgm.similarity_threshold', '0.5', true)")
                .query()
                .singleValue();
        var visibility = access.visibility("contact_shares", "contact_id");
        var params = new ArrayList<Object>();
        params.add(access.tenant());
        params.addAll(visibility.params());
        params.add(KEY_MAX_SHARED);
        params.add(MAX_PAIRS);
        // Exact keys: one hash aggregate over the workspace's live contacts (keys shared by more than 50 records,
        // e.g. info@ addresses, say little and would explode into pairs). Names: pairs within the same company,
        // blocked on the first letter so the trigram comparison runs on few pairs (a typo in the first letter is
        // missed). Measured in ADR 12: ~1.2 s for 100 k contacts in one workspace on the 2-core dev box.
        String sql = """
                with live as materialized (
                    select r.id, r.emails, r.phones, r.company_id, r.external_id,
                           lower(trim(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))) as name
                    from contacts r
                    where r.tenant_id = ? and r.deleted_at is null and r.merged_into is null %s
                ), keys as (
                    select 1 as reason, e collate "C" as k, id from live, unnest(emails) e
                    union all select 2, lower(external_id) collate "C", id from live where external_id is not null
                    union all select 3, p collate "C", id from live, unnest(phones) p
                ), shared as (
                    select reason, array_agg(id) as ids from keys group by reason, k having count(*) between 2 and ?
                ), pairs as (
                    select least(s.ids[i], s.ids[j]) as a, greatest(s.ids[i], s.ids[j]) as b, s.reason, 1.0::real as sim
                    from shared s, generate_subscripts(s.ids, 1) i, generate_subscripts(s.ids, 1) j where i < j
                    union all
                    select least(x.id, y.id), greatest(x.id, y.id), 4, similarity(x.name, y.name)
                    from live x join live y on x.company_id = y.company_id and left(x.name, 1) = left(y.name, 1)
                         and x.id < y.id
                    where x.name <> '' and x.name %% y.name
                )
                select distinct a, b, reason, sim from pairs p
                where not exists (select 1 from duplicate_ignores i
                                  where i.entity = 'contact' and i.a_id = p.a and i.b_id = p.b)
                order by reason, a, b limit ?""".formatted(visibility.sql().isEmpty() ? "" : "and " + visibility.sql());
        return contacts.jdbc()
                .sql(sql)
                .params(params)
                .query((rs, n) -> {
                    int reason = rs.getInt("reason");
                    double sim = rs.getDouble("sim");
                    return switch (reason) {
                        case 1 ->
                            pair(rs.getObject("a", UUID.class), rs.getObject("b", UUID.class), "same email", 0.95);
                        case 2 ->
                            pair(rs.getObject("a", UUID.class), rs.getObject("b", UUID.class), "same external id", 0.9);
                        case 3 -> pair(rs.getObject("a", UUID.class), rs.getObject("b", UUID.class), "same phone", 0.8);
                        default ->
                            pair(
                                    rs.getObject("a", UUID.class),
                                    rs.getObject("b", UUID.class),
                                    "similar name at the same company",
                                    0.4 + 0.5 * sim);
                    };
                })
                .list();
    }

    private static DuplicateGroups.Pair pair(UUID a, UUID b, String reason, double confidence) {
        return new DuplicateGroups.Pair(a, b, reason, confidence);
    }

    /** Marks 2–5 contacts as not duplicates of each other (every pair among them); 404 for unknown ids. */
    @Transactional
    public void ignore(@Nullable List<?> given) {
        var ids = MergeRequest.distinctIds(given, "ids", 2, 5);
        ids.forEach(id -> service.visible(id, false));
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                contacts.jdbc()
                        .sql("""
                                insert into duplicate_ignores (tenant_id, entity, a_id, b_id, created_at)
                                values (?, 'contact', least(?::uuid, ?::uuid), greatest(?::uuid, ?::uuid), ?)
                                on conflict do nothing""")
                        .params(
                                access.tenant(),
                                ids.get(i),
                                ids.get(j),
                                ids.get(i),
                                ids.get(j),
                                Timestamp.from(Instant.now(clock)))
                        .update();
            }
        }
    }
}
