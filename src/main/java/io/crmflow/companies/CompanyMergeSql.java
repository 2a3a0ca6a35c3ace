package io.crmflow.companies;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of merging companies and undoing it. Moving the merged companies' contacts is plain SQL on the contacts
 * table: the companies module must not depend on the contacts module (contacts depends on companies), and a
 * contact's company is a column, not behaviour.
 */
@Repository
class CompanyMergeSql {

    static final String RESTORE_SET = """
            name = s.name, domain = s.domain, industry = s.industry, size = s.size,
            annual_revenue = s.annual_revenue, currency = s.currency, address = s.address, phone = s.phone,
            website = s.website, owner_id = s.owner_id, parent_id = s.parent_id, tags = s.tags, custom = s.custom,
            external_id = s.external_id, updated_at = s.updated_at, updated_by = s.updated_by,
            deleted_at = s.deleted_at, deleted_by = s.deleted_by, merged_into = s.merged_into""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CompanyMergeSql(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void lock(List<UUID> ids) {
        jdbc.sql("select id from companies where id = any(?) order by id for update")
                .param(ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    private JsonNode jsonOf(String sql, Object... params) {
        return json.readTree(jdbc.sql(sql).params(params).query(String.class).single());
    }

    JsonNode rows(List<UUID> ids) {
        return jsonOf("""
                select coalesce(jsonb_agg(to_jsonb(r) - 'search' - 'search_text'), '[]')
                from companies r where r.id = any(?)""", (Object) ids.toArray(UUID[]::new));
    }

    JsonNode contactsOf(List<UUID> companies) {
        return jsonOf("""
                select coalesce(jsonb_agg(jsonb_build_object('id', id, 'company_id', company_id)), '[]')
                from contacts where company_id = any(?)""", (Object) companies.toArray(UUID[]::new));
    }

    JsonNode childrenOf(List<UUID> companies, List<UUID> all) {
        return jsonOf("""
                select coalesce(jsonb_agg(jsonb_build_object('id', id, 'parent_id', parent_id)), '[]')
                from companies where parent_id = any(?) and not id = any(?)""", companies.toArray(UUID[]::new), all.toArray(UUID[]::new));
    }

    JsonNode notesOf(List<UUID> companies) {
        return jsonOf("""
                select coalesce(jsonb_agg(jsonb_build_object('id', id, 'company_id', company_id)), '[]')
                from notes where company_id = any(?)""", (Object) companies.toArray(UUID[]::new));
    }

    JsonNode pastCompanyRowsOf(List<UUID> companies) {
        return jsonOf("""
                select coalesce(jsonb_agg(to_jsonb(p)), '[]')
                from contact_past_companies p where company_id = any(?)""", (Object) companies.toArray(UUID[]::new));
    }

    void markMerged(List<UUID> ids, UUID survivor, Instant at, @Nullable UUID by) {
        jdbc.sql("""
                        update companies set merged_into = ?, deleted_at = ?, deleted_by = ?, external_id = null,
                            updated_at = ?, updated_by = ?
                        where id = any(?)""")
                .params(survivor, Timestamp.from(at), by, Timestamp.from(at), by, ids.toArray(UUID[]::new))
                .update();
    }

    /** Contacts, child companies and notes of the merged companies now point at the survivor. */
    void moveLinks(List<UUID> from, UUID to, List<UUID> all) {
        var merged = from.toArray(UUID[]::new);
        jdbc.sql("update contacts set company_id = ? where company_id = any(?)")
                .params(to, merged)
                .update();
        jdbc.sql("update companies set parent_id = ? where parent_id = any(?) and not id = any(?)")
                .params(to, merged, all.toArray(UUID[]::new))
                .update();
        jdbc.sql("update notes set company_id = ? where company_id = any(?)")
                .params(to, merged)
                .update();
    }

    List<UUID> copyShares(List<UUID> from, UUID to) {
        return jdbc.sql("""
                        insert into company_shares (tenant_id, company_id, user_id)
                        select distinct tenant_id, ?::uuid, user_id from company_shares where company_id = any(?)
                        on conflict do nothing returning user_id""")
                .params(to, from.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /** Past-company rows naming a merged company name the survivor instead; the contact ids newly added. */
    List<UUID> movePastCompanies(List<UUID> from, UUID to) {
        var added = jdbc.sql("""
                        insert into contact_past_companies (tenant_id, contact_id, company_id, job_title, ended_at)
                        select distinct on (contact_id) tenant_id, contact_id, ?::uuid, job_title, ended_at
                        from contact_past_companies where company_id = any(?)
                        order by contact_id, ended_at desc
                        on conflict do nothing returning contact_id""")
                .params(to, from.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
        jdbc.sql("delete from contact_past_companies where company_id = any(?)")
                .param(from.toArray(UUID[]::new))
                .update();
        return added;
    }

    /** Whether the survivor is now its own ancestor (a merged company sat between it and its parent). */
    boolean loops(UUID survivor) {
        return jdbc.sql("""
                        with recursive up(id, depth) as (
                            select parent_id, 1 from companies where id = ? and parent_id is not null
                            union all
                            select c.parent_id, up.depth + 1 from companies c join up on c.id = up.id
                            where c.parent_id is not null and up.depth < 100)
                        select exists (select 1 from up where id = ?)""").params(survivor, survivor).query(Boolean.class).single();
    }

    /** Whether the record is in the trash or merged away (an undo would then bring back half a picture). */
    boolean trashed(UUID id) {
        return jdbc.sql("select exists (select 1 from companies where id = ? and deleted_at is not null)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    long existing(String rowsJson) {
        return jdbc.sql("""
                        select count(*) from companies c
                        join jsonb_populate_recordset(null::companies, ?::jsonb) s on c.id = s.id""").param(rowsJson).query(Long.class).single();
    }

    void restoreRows(String rowsJson, UUID survivor, boolean survivorOnly) {
        jdbc.sql("update companies c set " + RESTORE_SET
                        + " from jsonb_populate_recordset(null::companies, ?::jsonb) s where c.id = s.id and "
                        + (survivorOnly ? "s.id = ?" : "s.id <> ?"))
                .params(rowsJson, survivor)
                .update();
    }

    void restoreLinks(JsonNode snapshot, UUID survivor) {
        jdbc.sql("""
                        update contacts c set company_id = s.company_id
                        from jsonb_populate_recordset(null::contacts, ?::jsonb) s where c.id = s.id""").param(snapshot.get("contacts").toString()).update();
        jdbc.sql("""
                        update companies c set parent_id = s.parent_id
                        from jsonb_populate_recordset(null::companies, ?::jsonb) s where c.id = s.id""").param(snapshot.get("children").toString()).update();
        jdbc.sql("""
                        update notes n set company_id = s.company_id
                        from jsonb_populate_recordset(null::notes, ?::jsonb) s where n.id = s.id""").param(snapshot.get("notes").toString()).update();
        jdbc.sql("""
                        delete from company_shares where company_id = ?
                          and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)""").params(survivor, snapshot.get("addedShares").toString()).update();
        jdbc.sql("""
                        delete from contact_past_companies where company_id = ?
                          and contact_id in (select jsonb_array_elements_text(?::jsonb)::uuid)""")
                .params(survivor, snapshot.get("addedPastCompanies").toString())
                .update();
        jdbc.sql("""
                        insert into contact_past_companies
                        select * from jsonb_populate_recordset(null::contact_past_companies, ?::jsonb)
                        on conflict do nothing""").param(snapshot.get("pastCompanies").toString()).update();
    }
}
