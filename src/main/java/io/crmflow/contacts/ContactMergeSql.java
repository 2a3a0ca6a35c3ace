package io.crmflow.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of merging contacts and undoing it; snapshots are JSON of whole rows (generated columns left out). */
@Repository
class ContactMergeSql {

    /** Every column a merge or bulk action may change, restored from a snapshot as it was. */
    static final String RESTORE_SET = """
            first_name = s.first_name, last_name = s.last_name, emails = s.emails, phones = s.phones,
            job_title = s.job_title, company_id = s.company_id, owner_id = s.owner_id, tags = s.tags,
            address = s.address, source = s.source, lifecycle_stage = s.lifecycle_stage, consent = s.consent,
            custom = s.custom, external_id = s.external_id, updated_at = s.updated_at, updated_by = s.updated_by,
            deleted_at = s.deleted_at, deleted_by = s.deleted_by, merged_into = s.merged_into""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContactMergeSql(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Locks the rows so that two merges (or a merge and an edit) of the same contacts run one after the other. */
    void lock(List<UUID> ids) {
        jdbc.sql("select id from contacts where id = any(?) order by id for update")
                .param(ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    JsonNode rows(List<UUID> ids) {
        return json.readTree(jdbc.sql("""
                        select coalesce(jsonb_agg(to_jsonb(r) - 'search' - 'search_text' - 'email' - 'phone'), '[]')
                        from contacts r where r.id = any(?)""")
                .param(ids.toArray(UUID[]::new))
                .query(String.class)
                .single());
    }

    JsonNode notesOf(List<UUID> contactIds) {
        return json.readTree(jdbc.sql("""
                        select coalesce(jsonb_agg(jsonb_build_object('id', id, 'contact_id', contact_id)), '[]')
                        from notes where contact_id = any(?)""")
                .param(contactIds.toArray(UUID[]::new))
                .query(String.class)
                .single());
    }

    /** Merged contacts: trashed, marked, and without external id (the survivor may take it: it is unique). */
    void markMerged(List<UUID> ids, UUID survivor, Instant at, @Nullable UUID by) {
        jdbc.sql("""
                        update contacts set merged_into = ?, deleted_at = ?, deleted_by = ?, external_id = null,
                            updated_at = ?, updated_by = ?
                        where id = any(?)""")
                .params(survivor, Timestamp.from(at), by, Timestamp.from(at), by, ids.toArray(UUID[]::new))
                .update();
    }

    void moveNotes(List<UUID> from, UUID to) {
        jdbc.sql("update notes set contact_id = ? where contact_id = any(?)")
                .params(to, from.toArray(UUID[]::new))
                .update();
    }

    /** Shares of the merged contacts given to the survivor too; the user ids newly shared. */
    List<UUID> copyShares(List<UUID> from, UUID to) {
        return jdbc.sql("""
                        insert into contact_shares (tenant_id, contact_id, user_id)
                        select distinct tenant_id, ?::uuid, user_id from contact_shares where contact_id = any(?)
                        on conflict do nothing returning user_id""")
                .params(to, from.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /** Past companies of the merged contacts added to the survivor's; the company ids newly added. */
    List<UUID> copyPastCompanies(List<UUID> from, UUID to) {
        return jdbc.sql("""
                        insert into contact_past_companies (tenant_id, contact_id, company_id, job_title, ended_at)
                        select distinct on (company_id) tenant_id, ?::uuid, company_id, job_title, ended_at
                        from contact_past_companies where contact_id = any(?)
                        order by company_id, ended_at desc
                        on conflict do nothing returning company_id""")
                .params(to, from.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /** Whether the record is in the trash or merged away (an undo would then bring back half a picture). */
    boolean trashed(UUID id) {
        return jdbc.sql("select exists (select 1 from contacts where id = ? and deleted_at is not null)")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    long existing(String rowsJson) {
        return jdbc.sql("""
                        select count(*) from contacts c
                        join jsonb_populate_recordset(null::contacts, ?::jsonb) s on c.id = s.id""").param(rowsJson).query(Long.class).single();
    }

    /** Puts rows back as in the snapshot: the survivor's first (it may hold an external id to give back). */
    void restoreRows(String rowsJson, UUID survivor, boolean survivorOnly) {
        jdbc.sql("update contacts c set " + RESTORE_SET
                        + " from jsonb_populate_recordset(null::contacts, ?::jsonb) s where c.id = s.id and "
                        + (survivorOnly ? "s.id = ?" : "s.id <> ?"))
                .params(rowsJson, survivor)
                .update();
    }

    void restoreNotes(String notesJson) {
        jdbc.sql("""
                        update notes n set contact_id = s.contact_id
                        from jsonb_populate_recordset(null::notes, ?::jsonb) s where n.id = s.id""").param(notesJson).update();
    }

    void deleteShares(UUID survivor, String userIdsJson) {
        jdbc.sql("""
                        delete from contact_shares where contact_id = ?
                          and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)""").params(survivor, userIdsJson).update();
    }

    void deletePastCompanies(UUID survivor, String companyIdsJson) {
        jdbc.sql("""
                        delete from contact_past_companies where contact_id = ?
                          and company_id in (select jsonb_array_elements_text(?::jsonb)::uuid)""").params(survivor, companyIdsJson).update();
    }
}
