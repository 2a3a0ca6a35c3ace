package io.crmflow.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contacts from rows, a batch at a time: reads and checks every row, finds the contacts they match (by primary
 * email or external id, live ones only) with one query per batch, then writes the batch set-based: COPY into a
 * staging table, one INSERT for the new contacts and one UPDATE for the matched ones. Rows naming the same contact
 * become one record (later values win), so a file never creates a contact twice.
 */
@Component
class ContactImporter extends DraftImporter<ContactDraft> {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final CompanyLinks companies;

    ContactImporter(JdbcClient jdbc, DataSource dataSource, JsonMapper json, CompanyLinks companies) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.companies = companies;
    }

    @Override
    public String entity() {
        return "contact";
    }

    @Override
    ContactDraft read(long row, Cells cells, ImportSettings s, ImportContext ctx, List<RowError> errors) {
        return ContactDraft.read(row, cells, s.defaultRegion(), ctx.membersByEmail(), errors);
    }

    @Override
    Map<String, UUID> liveByKey(String matchBy, Set<String> emails) {
        Map<String, UUID> found = new HashMap<>();
        if (emails.isEmpty()) {
            return found;
        }
        // oldest last, so that the oldest contact with the address wins
        jdbc.sql("""
                select c.email, c.id from unnest(?::text[]) k(email)
                join contacts c on c.email = k.email and c.deleted_at is null
                order by c.created_at desc, c.id desc
                """)
                .param(emails.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
        return found;
    }

    @Override
    Map<String, Holder> byExternalId(Set<String> externalIds) {
        Map<String, Holder> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select c.external_id, c.id, c.deleted_at is not null from unnest(?::text[]) k(external_id)"
                        + " join contacts c on c.external_id = k.external_id")
                .param(externalIds.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString(1), new Holder(rs.getObject(2, UUID.class), rs.getBoolean(3))))
                .list();
        return found;
    }

    @Override
    public void write(ImportSettings s, ImportContext ctx, Batch<?> planned) throws SQLException {
        @SuppressWarnings("unchecked")
        var batch = (Batch<ContactDraft>) planned;
        if (batch.creates.isEmpty() && batch.updates.isEmpty()) {
            return;
        }
        List<ContactDraft> all = new ArrayList<>(batch.creates.values());
        all.addAll(batch.updates.values());
        companies.link(ctx, s.userId(), all);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table import_contact_stage (
                        op char(1), id uuid, first_name text, last_name text, emails text[], phones text[],
                        job_title text, company_id uuid, owner_id uuid, tags text[], address jsonb, source text,
                        lifecycle_stage text, custom jsonb, external_id text) on commit drop""");
        }
        var copy = new Copy();
        batch.creates.forEach((id, d) -> stage(copy, "c", id, d));
        batch.updates.forEach((id, d) -> stage(copy, "u", id, d));
        copy.into(connection, "import_contact_stage");
        Timestamp now = Timestamp.from(ctx.now());
        if (!batch.creates.isEmpty()) {
            jdbc.sql("""
                    insert into contacts (tenant_id, id, first_name, last_name, emails, phones, job_title, company_id,
                                          owner_id, tags, address, source, lifecycle_stage, custom, external_id,
                                          created_at, created_by, updated_at, updated_by)
                    select ?, id, first_name, last_name, emails, phones, job_title, company_id, owner_id, tags,
                           address, source, lifecycle_stage, custom, external_id, ?, ?, ?, ?
                    from import_contact_stage where op = 'c'
                    """).params(ctx.tenant(), now, s.userId(), now, s.userId()).update();
        }
        if (!batch.updates.isEmpty()) {
            jdbc.sql("""
                    update contacts c set
                        first_name = coalesce(s.first_name, c.first_name),
                        last_name = coalesce(s.last_name, c.last_name),
                        emails = (c.emails || array(select e from unnest(s.emails) e where e <> all(c.emails)))[1:20],
                        phones = (c.phones || array(select p from unnest(s.phones) p where p <> all(c.phones)))[1:20],
                        job_title = coalesce(s.job_title, c.job_title),
                        company_id = coalesce(s.company_id, c.company_id),
                        owner_id = coalesce(s.owner_id, c.owner_id),
                        tags = c.tags || array(select t from unnest(s.tags) t where t <> all(c.tags)),
                        address = c.address || s.address,
                        source = coalesce(s.source, c.source),
                        lifecycle_stage = coalesce(s.lifecycle_stage, c.lifecycle_stage),
                        custom = c.custom || s.custom,
                        external_id = coalesce(s.external_id, c.external_id),
                        updated_at = ?, updated_by = ?
                    from import_contact_stage s
                    where s.op = 'u' and c.id = s.id
                    """).params(now, s.userId()).update();
        }
    }

    private void stage(Copy copy, String op, UUID id, ContactDraft d) {
        copy.text(op)
                .id(id)
                .text(d.firstName)
                .text(d.lastName)
                .array(d.emails)
                .array(d.phones)
                .text(d.jobTitle)
                .id(d.companyId)
                .id(d.ownerId)
                .array(d.tags)
                .text(json.writeValueAsString(d.address))
                .text(d.source)
                .text(d.lifecycleStage)
                .text(json.writeValueAsString(d.custom))
                .text(d.externalId)
                .endRow();
    }
}
