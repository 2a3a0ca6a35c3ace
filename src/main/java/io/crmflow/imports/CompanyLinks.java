package io.crmflow.imports;

import io.crmflow.shared.Ids;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The company of each imported contact: the live company with the given domain, else the one with the given name
 * (ignoring case), else a new company, created once per batch however many rows name it.
 */
@Component
class CompanyLinks {

    private final JdbcClient jdbc;

    CompanyLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void link(ImportContext ctx, @Nullable UUID user, List<ContactDraft> drafts) {
        Map<String, UUID> byDomain = new HashMap<>();
        Map<String, UUID> byName = new HashMap<>();
        var domains = drafts.stream()
                .map(d -> d.companyDomain)
                .filter(java.util.Objects::nonNull)
                .distinct();
        var names = drafts.stream()
                .map(d -> d.companyName)
                .filter(java.util.Objects::nonNull)
                .map(n -> n.toLowerCase(Locale.ROOT))
                .distinct();
        String[] domainArray = domains.toArray(String[]::new);
        String[] nameArray = names.toArray(String[]::new);
        if (domainArray.length == 0 && nameArray.length == 0) {
            return;
        }
        if (domainArray.length > 0) {
            jdbc.sql("""
                    select c.domain, c.id from unnest(?::text[]) k(domain)
                    join companies c on c.domain = k.domain and c.deleted_at is null
                    order by c.created_at desc, c.id desc""")
                    .param(domainArray)
                    .query((rs, n) -> byDomain.put(rs.getString(1), rs.getObject(2, UUID.class)))
                    .list();
        }
        if (nameArray.length > 0) {
            jdbc.sql("""
                    select lower(c.name), c.id from unnest(?::text[]) k(name)
                    join companies c on lower(c.name) = k.name and c.deleted_at is null
                    order by c.created_at desc, c.id desc""")
                    .param(nameArray)
                    .query((rs, n) -> byName.put(rs.getString(1), rs.getObject(2, UUID.class)))
                    .list();
        }
        Map<UUID, String[]> created = new LinkedHashMap<>();
        for (ContactDraft d : drafts) {
            if (d.companyName == null && d.companyDomain == null) {
                continue;
            }
            String name = d.companyName == null ? null : d.companyName.toLowerCase(Locale.ROOT);
            UUID id = d.companyDomain == null ? null : byDomain.get(d.companyDomain);
            if (id == null && name != null) {
                id = byName.get(name);
            }
            if (id == null) {
                id = Ids.newId();
                created.put(
                        id, new String[] {d.companyName == null ? d.companyDomain : d.companyName, d.companyDomain});
            }
            if (d.companyDomain != null) {
                byDomain.putIfAbsent(d.companyDomain, id);
            }
            if (name != null) {
                byName.putIfAbsent(name, id);
            }
            d.companyId = id;
        }
        if (created.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(ctx.now());
        jdbc.sql("""
                insert into companies (tenant_id, id, name, domain, created_at, created_by, updated_at, updated_by)
                select ?, u.id, u.name, u.domain, ?, ?, ?, ?
                from unnest(?::uuid[], ?::text[], ?::text[]) as u(id, name, domain)
                """)
                .params(
                        ctx.tenant(),
                        now,
                        user,
                        now,
                        user,
                        created.keySet().stream().map(UUID::toString).toArray(String[]::new),
                        created.values().stream().map(v -> v[0]).toArray(String[]::new),
                        created.values().stream().map(v -> v[1]).toArray(String[]::new))
                .update();
    }
}
