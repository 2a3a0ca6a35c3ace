package io.crmflow.contacts;

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
class ContactRepository {

    static final String COLUMNS = "r.id, r.first_name, r.last_name, r.emails, r.phones, r.job_title, r.company_id,"
            + " r.owner_id, r.tags, r.address, r.source, r.lifecycle_stage, r.consent, r.custom, r.external_id,"
            + " r.created_at, r.created_by, r.updated_at, r.updated_by, r.deleted_at";

    static final FieldCatalog CATALOG = new FieldCatalog(
            "contact",
            "contacts",
            Map.ofEntries(
                    Map.entry("firstName", new Column("r.first_name", Kind.TEXT)),
                    Map.entry("lastName", new Column("r.last_name", Kind.TEXT)),
                    Map.entry("email", new Column("r.email", Kind.TEXT)),
                    Map.entry("emails", new Column("r.emails", Kind.LIST)),
                    Map.entry("phone", new Column("r.phone", Kind.TEXT)),
                    Map.entry("phones", new Column("r.phones", Kind.LIST)),
                    Map.entry("jobTitle", new Column("r.job_title", Kind.TEXT)),
                    Map.entry("companyId", new Column("r.company_id", Kind.ID)),
                    Map.entry("ownerId", new Column("r.owner_id", Kind.ID)),
                    Map.entry("tags", new Column("r.tags", Kind.LIST)),
                    Map.entry("source", new Column("r.source", Kind.TEXT)),
                    Map.entry("lifecycleStage", new Column("r.lifecycle_stage", Kind.CHOICE)),
                    Map.entry("externalId", new Column("r.external_id", Kind.TEXT)),
                    Map.entry("city", new Column("r.address ->> 'city'", Kind.TEXT)),
                    Map.entry("country", new Column("r.address ->> 'country'", Kind.TEXT)),
                    Map.entry("createdAt", new Column("r.created_at", Kind.TIME)),
                    Map.entry("updatedAt", new Column("r.updated_at", Kind.TIME))),
            "contact_field_values",
            "contact_id");

    static final Map<String, SortKey> SORTS = Map.of(
            "name",
            new SortKey(List.of(
                    new SortKey.Part("lower(coalesce(r.last_name, ''))", SortKey.Type.TEXT),
                    new SortKey.Part("lower(coalesce(r.first_name, ''))", SortKey.Type.TEXT))),
            "email",
            SortKey.of("coalesce(r.email, '')", SortKey.Type.TEXT),
            "createdAt",
            SortKey.of("r.created_at", SortKey.Type.TIME),
            "updatedAt",
            SortKey.of("r.updated_at", SortKey.Type.TIME));

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordList<ContactView> list;

    ContactRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.list = new RecordList<>(CATALOG, SORTS, "-createdAt", COLUMNS, this::map);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    RecordList<ContactView> list() {
        return list;
    }

    Optional<ContactView> find(UUID id, boolean includeDeleted) {
        return jdbc.sql("select " + COLUMNS + " from contacts r where r.id = ?"
                        + (includeDeleted ? "" : " and r.deleted_at is null"))
                .param(id)
                .query(this::map)
                .optional();
    }

    void insert(UUID tenant, ContactView c) {
        jdbc.sql("""
                        insert into contacts (tenant_id, id, first_name, last_name, emails, phones, job_title,
                            company_id, owner_id, tags, address, source, lifecycle_stage, consent, custom, external_id,
                            created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(
                        tenant,
                        c.id(),
                        c.firstName(),
                        c.lastName(),
                        c.emails().toArray(String[]::new),
                        c.phones().toArray(String[]::new),
                        c.jobTitle(),
                        c.companyId(),
                        c.ownerId(),
                        c.tags().toArray(String[]::new),
                        json.writeValueAsString(c.address()),
                        c.source(),
                        c.lifecycleStage(),
                        json.writeValueAsString(c.consent()),
                        json.writeValueAsString(c.customFields()),
                        c.externalId(),
                        Timestamp.from(c.createdAt()),
                        c.createdBy(),
                        Timestamp.from(c.updatedAt()),
                        c.updatedBy())
                .update();
    }

    void update(ContactView c) {
        jdbc.sql("""
                        update contacts set first_name = ?, last_name = ?, emails = ?, phones = ?, job_title = ?,
                            company_id = ?, owner_id = ?, tags = ?, address = ?::jsonb, source = ?, lifecycle_stage = ?,
                            consent = ?::jsonb, custom = ?::jsonb, external_id = ?, updated_at = ?, updated_by = ?
                        where id = ?""")
                .params(
                        c.firstName(),
                        c.lastName(),
                        c.emails().toArray(String[]::new),
                        c.phones().toArray(String[]::new),
                        c.jobTitle(),
                        c.companyId(),
                        c.ownerId(),
                        c.tags().toArray(String[]::new),
                        json.writeValueAsString(c.address()),
                        c.source(),
                        c.lifecycleStage(),
                        json.writeValueAsString(c.consent()),
                        json.writeValueAsString(c.customFields()),
                        c.externalId(),
                        Timestamp.from(c.updatedAt()),
                        c.updatedBy(),
                        c.id())
                .update();
    }

    /** Remembers the company a contact leaves (when its company changes). */
    void rememberPastCompany(UUID contact, UUID company, @Nullable String jobTitle, Instant endedAt) {
        jdbc.sql("""
                        insert into contact_past_companies (tenant_id, contact_id, company_id, job_title, ended_at)
                        values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, ?)
                        on conflict (tenant_id, contact_id, company_id)
                        do update set job_title = excluded.job_title, ended_at = excluded.ended_at""")
                .params(contact, company, jobTitle, Timestamp.from(endedAt))
                .update();
    }

    List<Map<String, Object>> pastCompanies(UUID contact) {
        return jdbc.sql("""
                        select p.company_id, c.name, p.job_title, p.ended_at from contact_past_companies p
                        join companies c on c.tenant_id = p.tenant_id and c.id = p.company_id
                        where p.contact_id = ? order by p.ended_at desc""")
                .param(contact)
                .query((rs, n) -> Map.<String, Object>of(
                        "companyId", rs.getObject("company_id", UUID.class),
                        "name", rs.getString("name"),
                        "jobTitle", rs.getString("job_title") == null ? "" : rs.getString("job_title"),
                        "endedAt", rs.getTimestamp("ended_at").toInstant()))
                .list();
    }

    int trash(UUID id, Instant at, @Nullable UUID by) {
        return jdbc.sql("update contacts set deleted_at = ?, deleted_by = ? where id = ? and deleted_at is null")
                .params(Timestamp.from(at), by, id)
                .update();
    }

    int restore(UUID id) {
        return jdbc.sql("update contacts set deleted_at = null, deleted_by = null where id = ?"
                        + " and deleted_at is not null and merged_into is null")
                .param(id)
                .update();
    }

    /**
     * Live contacts that look like the given one: same primary email, same primary phone, or a similar name at the
     * same company. Each branch is a leakproof btree equality, so it stays an index lookup under row level security.
     */
    List<ContactView.DuplicateHint> lookalikes(
            @Nullable UUID self, List<String> emails, List<String> phones, String name, @Nullable UUID company) {
        return jdbc.sql("""
                        select id, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) as name,
                               case when coalesce(email, '') = any(cast(:emails as text[])) then 'same email'
                                    when phone = any(cast(:phones as text[])) then 'same phone'
                                    else 'similar name at the same company' end as reason
                        from contacts
                        where deleted_at is null and id is distinct from :self
                          and (coalesce(email, '') = any(cast(:emails as text[]))
                               or (phone is not null and phone = any(cast(:phones as text[])))
                               or (company_id = :company
                                   and similarity(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')),
                                                  lower(:name)) > 0.5))
                        order by created_at limit 10""")
                .param("emails", emails.toArray(String[]::new))
                .param("phones", phones.toArray(String[]::new))
                .param("self", self)
                .param("company", company)
                .param("name", name)
                .query((rs, n) -> new ContactView.DuplicateHint(
                        rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("reason")))
                .list();
    }

    ContactView map(ResultSet rs, int n) throws SQLException {
        Timestamp deleted = rs.getTimestamp("deleted_at");
        var emails = Arrays.asList((String[]) rs.getArray("emails").getArray());
        var phones = Arrays.asList((String[]) rs.getArray("phones").getArray());
        return new ContactView(
                rs.getObject("id", UUID.class),
                rs.getString("first_name"),
                rs.getString("last_name"),
                emails.isEmpty() ? null : emails.getFirst(),
                emails,
                phones.isEmpty() ? null : phones.getFirst(),
                phones,
                rs.getString("job_title"),
                rs.getObject("company_id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                Arrays.asList((String[]) rs.getArray("tags").getArray()),
                json.readValue(rs.getString("address"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("source"),
                rs.getString("lifecycle_stage"),
                json.readValue(rs.getString("consent"), new TypeReference<Map<String, Object>>() {}),
                json.readValue(rs.getString("custom"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("external_id"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("updated_by", UUID.class),
                deleted == null ? null : deleted.toInstant(),
                null);
    }
}
