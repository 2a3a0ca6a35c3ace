package io.crmflow.companies;

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
 * Groups of live companies that are likely the same: the same domain (0.95), the same external id ignoring case
 * (0.9), the same phone (0.7), or a similar name (trigram similarity ≥ 0.5 on the lower-cased name, compared
 * among names with the same first two letters: 0.3 + 0.6 × similarity). Ignored pairs are left out.
 */
@Service
public class CompanyDuplicates {

    private static final int MAX_PAIRS = 20_000;
    private static final int KEY_MAX_SHARED = 50;

    private final CompanyRepository companies;
    private final Companies service;
    private final RecordAccess access;
    private final Clock clock;

    CompanyDuplicates(CompanyRepository companies, Companies service, RecordAccess access, Clock clock) {
        this.companies = companies;
        this.service = service;
        this.access = access;
        this.clock = clock;
    }

    public record Group(List<UUID> ids, double confidence, List<String> reasons, List<CompanyView> records) {}

    public record Page(List<Group> data, @Nullable String nextCursor) {}

    @Transactional(readOnly = true)
    public Page groups(@Nullable Integer limit, @Nullable String cursor) {
        int size = Cursor.limit(limit == null ? 20 : limit);
        int offset = DuplicateGroups.offset(cursor);
        var all = DuplicateGroups.of(pairs());
        var page = all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
        var ids = page.stream().flatMap(g -> g.ids().stream()).toList();
        Map<UUID, CompanyView> views = companies
                .jdbc()
                .sql("select " + CompanyRepository.COLUMNS + " from companies r where r.id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(companies::map)
                .list()
                .stream()
                .collect(Collectors.toMap(CompanyView::id, Function.identity()));
        var groups = page.stream()
                .map(g -> {
                    var records = g.ids().stream()
                            .map(views::get)
                            .sorted(Comparator.comparing(CompanyView::createdAt).thenComparing(CompanyView::id))
                            .toList();
                    return new Group(
                            records.stream().map(CompanyView::id).toList(), g.confidence(), g.reasons(), records);
                })
                .toList();
        return new Page(groups, offset + size < all.size() ? String.valueOf(offset + size) : null);
    }

    private List<DuplicateGroups.Pair> pairs() {
        companies
                .jdbc()
                .sql("select set_config('pg_trgm.similarity_threshold', '0.5', true)")
                .query()
                .singleValue();
        var visibility = access.visibility("company_shares", "company_id");
        var params = new ArrayList<Object>();
        params.add(access.tenant());
        params.addAll(visibility.params());
        params.add(KEY_MAX_SHARED);
        params.add(MAX_PAIRS);
        String sql = """
                with live as materialized (
                    select r.id, r.domain, r.phone, r.external_id, lower(r.name) as name
                    from companies r
                    where r.tenant_id = ? and r.deleted_at is null and r.merged_into is null %s
                ), keys as (
                    select 1 as reason, domain collate "C" as k, id from live where domain is not null
                    union all select 2, lower(external_id) collate "C", id from live where external_id is not null
                    union all select 3, phone collate "C", id from live where phone is not null
                ), shared as (
                    select reason, array_agg(id) as ids from keys group by reason, k having count(*) between 2 and ?
                ), pairs as (
                    select least(s.ids[i], s.ids[j]) as a, greatest(s.ids[i], s.ids[j]) as b, s.reason, 1.0::real as sim
                    from shared s, generate_subscripts(s.ids, 1) i, generate_subscripts(s.ids, 1) j where i < j
                    union all
                    select least(x.id, y.id), greatest(x.id, y.id), 4, similarity(x.name, y.name)
                    from live x join live y on left(x.name, 2) = left(y.name, 2) and x.id < y.id
                    where x.name %% y.name
                )
                select distinct a, b, reason, sim from pairs p
                where not exists (select 1 from duplicate_ignores i
                                  where i.entity = 'company' and i.a_id = p.a and i.b_id = p.b)
                order by reason, a, b limit ?""".formatted(visibility.sql().isEmpty() ? "" : "and " + visibility.sql());
        return companies
                .jdbc()
                .sql(sql)
                .params(params)
                .query((rs, n) -> {
                    UUID a = rs.getObject("a", UUID.class);
                    UUID b = rs.getObject("b", UUID.class);
                    return switch (rs.getInt("reason")) {
                        case 1 -> new DuplicateGroups.Pair(a, b, "same domain", 0.95);
                        case 2 -> new DuplicateGroups.Pair(a, b, "same external id", 0.9);
                        case 3 -> new DuplicateGroups.Pair(a, b, "same phone", 0.7);
                        default -> new DuplicateGroups.Pair(a, b, "similar name", 0.3 + 0.6 * rs.getDouble("sim"));
                    };
                })
                .list();
    }

    /** Marks 2–5 companies as not duplicates of each other; 404 for unknown ids. */
    @Transactional
    public void ignore(@Nullable List<?> given) {
        var ids = MergeRequest.distinctIds(given, "ids", 2, 5);
        ids.forEach(id -> service.visible(id, false));
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                companies
                        .jdbc()
                        .sql("""
                                insert into duplicate_ignores (tenant_id, entity, a_id, b_id, created_at)
                                values (?, 'company', least(?::uuid, ?::uuid), greatest(?::uuid, ?::uuid), ?)
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
