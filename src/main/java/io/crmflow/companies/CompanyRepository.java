package io.crmflow.companies;

import io.crmflow.records.FieldCatalog;
import io.crmflow.records.FieldCatalog.Column;
import io.crmflow.records.FieldCatalog.Kind;
import io.crmflow.records.RecordList;
import io.crmflow.records.SortKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class CompanyRepository {

    static final String COLUMNS = "r.id, r.name, r.domain, r.industry, r.size, r.annual_revenue, r.currency, r.address,"
            + " r.phone, r.website, r.owner_id, r.parent_id, r.tags, r.custom, r.external_id, r.enrichment,"
            + " r.created_at, r.created_by, r.updated_at, r.updated_by, r.deleted_at";

    static final FieldCatalog CATALOG = new FieldCatalog(
            "company",
            "companies",
            Map.ofEntries(
                    Map.entry("name", new Column("r.name", Kind.TEXT)),
                    Map.entry("domain", new Column("r.domain", Kind.TEXT)),
                    Map.entry("industry", new Column("r.industry", Kind.TEXT)),
                    Map.entry("size", new Column("r.size", Kind.CHOICE)),
                    Map.entry("annualRevenue", new Column("r.annual_revenue", Kind.NUMBER)),
                    Map.entry("ownerId", new Column("r.owner_id", Kind.ID)),
                    Map.entry("parentId", new Column("r.parent_id", Kind.ID)),
                    Map.entry("tags", new Column("r.tags", Kind.LIST)),
                    Map.entry("externalId", new Column("r.external_id", Kind.TEXT)),
                    Map.entry("city", new Column("r.address ->> 'city'", Kind.TEXT)),
                    Map.entry("country", new Column("r.address ->> 'country'", Kind.TEXT)),
                    Map.entry("createdAt", new Column("r.created_at", Kind.TIME)),
                    Map.entry("updatedAt", new Column("r.updated_at", Kind.TIME))),
            "company_field_values",
            "company_id");

    static final Map<String, SortKey> SORTS = Map.of(
            "name", SortKey.of("lower(r.name)", SortKey.Type.TEXT),
            "createdAt", SortKey.of("r.created_at", SortKey.Type.TIME),
            "updatedAt", SortKey.of("r.updated_at", SortKey.Type.TIME));

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordList<CompanyView> list;

    CompanyRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.list = new RecordList<>(CATALOG, SORTS, "-createdAt", COLUMNS, this::map);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    RecordList<CompanyView> list() {
        return list;
    }

    Optional<CompanyView> find(UUID id, boolean includeDeleted) {
        return jdbc.sql("select " + COLUMNS + " from companies r where r.id = ?"
                        + (includeDeleted ? "" : " and r.deleted_at is null"))
                .param(id)
                .query(this::map)
                .optional();
    }

    void insert(UUID tenant, CompanyView c) {
        jdbc.sql("""
                        insert into companies (tenant_id, id, name, domain, industry, size, annual_revenue, currency,
                            address, phone, website, owner_id, parent_id, tags, custom, external_id, created_at,
                            created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(
                        tenant,
                        c.id(),
                        c.name(),
                        c.domain(),
                        c.industry(),
                        c.size(),
                        c.annualRevenue(),
                        c.currency(),
                        json.writeValueAsString(c.address()),
                        c.phone(),
                        c.website(),
                        c.ownerId(),
                        c.parentId(),
                        c.tags().toArray(String[]::new),
                        json.writeValueAsString(c.customFields()),
                        c.externalId(),
                        Timestamp.from(c.createdAt()),
                        c.createdBy(),
                        Timestamp.from(c.updatedAt()),
                        c.updatedBy())
                .update();
    }

    void update(CompanyView c) {
        jdbc.sql("""
                        update companies set name = ?, domain = ?, industry = ?, size = ?, annual_revenue = ?,
                            currency = ?, address = ?::jsonb, phone = ?, website = ?, owner_id = ?, parent_id = ?,
                            tags = ?, custom = ?::jsonb, external_id = ?, updated_at = ?, updated_by = ?
                        where id = ?""")
                .params(
                        c.name(),
                        c.domain(),
                        c.industry(),
                        c.size(),
                        c.annualRevenue(),
                        c.currency(),
                        json.writeValueAsString(c.address()),
                        c.phone(),
                        c.website(),
                        c.ownerId(),
                        c.parentId(),
                        c.tags().toArray(String[]::new),
                        json.writeValueAsString(c.customFields()),
                        c.externalId(),
                        Timestamp.from(c.updatedAt()),
                        c.updatedBy(),
                        c.id())
                .update();
    }

    void setEnrichment(UUID id, @Nullable Map<String, Object> enrichment) {
        jdbc.sql("update companies set enrichment = ?::jsonb where id = ?")
                .params(enrichment == null ? null : json.writeValueAsString(enrichment), id)
                .update();
    }

    int trash(UUID id, Instant at, @Nullable UUID by) {
        return jdbc.sql("update companies set deleted_at = ?, deleted_by = ? where id = ? and deleted_at is null")
                .params(Timestamp.from(at), by, id)
                .update();
    }

    int restore(UUID id) {
        return jdbc.sql(
                        "update companies set deleted_at = null, deleted_by = null where id = ? and deleted_at is not null"
                                + " and merged_into is null")
                .param(id)
                .update();
    }

    /** Whether {@code candidate} is {@code id} itself or one of its descendants (a parent there would loop). */
    boolean inSubtree(UUID id, UUID candidate) {
        return jdbc.sql("""
                        with recursive sub(id) as (
                            select id from companies where id = ?
                            union
                            select c.id from companies c join sub on c.parent_id = sub.id)
                        select exists (select 1 from sub where id = ?)""").params(id, candidate).query(Boolean.class).single();
    }

    Optional<UUID> liveIdByDomain(String domain) {
        return jdbc.sql("select id from companies where domain = ? and deleted_at is null order by created_at limit 1")
                .param(domain)
                .query(UUID.class)
                .optional();
    }

    /** The subtree under {@code root} (root included), with each node's depth and contact count. */
    List<TreeRow> tree(UUID root) {
        return jdbc.sql("""
                        with recursive sub(id, parent_id, name, depth, path) as (
                            select id, parent_id, name, 0, array[id] from companies
                            where id = ? and deleted_at is null
                            union all
                            select c.id, c.parent_id, c.name, sub.depth + 1, sub.path || c.id
                            from companies c join sub on c.parent_id = sub.id
                            where c.deleted_at is null and not c.id = any(sub.path) and sub.depth < 20)
                        select sub.id, sub.parent_id, sub.name, sub.depth,
                               (select count(*) from contacts k where k.company_id = sub.id and k.deleted_at is null)
                                   as contacts
                        from sub order by sub.path""")
                .param(root)
                .query((rs, n) -> new TreeRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class),
                        rs.getString("name"),
                        rs.getInt("depth"),
                        rs.getLong("contacts")))
                .list();
    }

    record TreeRow(UUID id, @Nullable UUID parentId, String name, int depth, long contacts) {}

    List<UUID> ancestors(UUID id) {
        return jdbc.sql("""
                        with recursive up(id, parent_id, depth) as (
                            select id, parent_id, 0 from companies where id = ?
                            union all
                            select c.id, c.parent_id, up.depth + 1 from companies c join up on c.id = up.parent_id
                            where up.depth < 20)
                        select id from up where depth > 0 order by depth desc""").param(id).query(UUID.class).list();
    }

    CompanyView map(ResultSet rs, int n) throws SQLException {
        String enrichment = rs.getString("enrichment");
        Timestamp deleted = rs.getTimestamp("deleted_at");
        return new CompanyView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("domain"),
                rs.getString("industry"),
                rs.getString("size"),
                rs.getBigDecimal("annual_revenue"),
                rs.getString("currency"),
                json.readValue(rs.getString("address"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("phone"),
                rs.getString("website"),
                rs.getObject("owner_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                Arrays.asList((String[]) rs.getArray("tags").getArray()),
                json.readValue(rs.getString("custom"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("external_id"),
                enrichment == null ? null : json.readValue(enrichment, new TypeReference<Map<String, Object>>() {}),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("updated_by", UUID.class),
                deleted == null ? null : deleted.toInstant());
    }
}
