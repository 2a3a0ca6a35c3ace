package io.crmflow.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
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

/** Companies from rows, matched by normalised domain or external id; written like contacts (COPY + set SQL). */
@Component
class CompanyImporter extends DraftImporter<CompanyDraft> {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;

    CompanyImporter(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public String entity() {
        return "company";
    }

    @Override
    CompanyDraft read(long row, Cells cells, ImportSettings s, ImportContext ctx, List<RowError> errors) {
        return CompanyDraft.read(row, cells, s.defaultRegion(), errors);
    }

    @Override
    Map<String, UUID> liveByKey(String matchBy, Set<String> domains) {
        Map<String, UUID> found = new HashMap<>();
        if (domains.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select c.domain, c.id from unnest(?::text[]) k(domain)
                join companies c on c.domain = k.domain and c.deleted_at is null
                order by c.created_at desc, c.id desc""")
                .param(domains.toArray(String[]::new))
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
                        + " join companies c on c.external_id = k.external_id")
                .param(externalIds.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString(1), new Holder(rs.getObject(2, UUID.class), rs.getBoolean(3))))
                .list();
        return found;
    }

    @Override
    public void write(ImportSettings s, ImportContext ctx, Batch<?> planned) throws SQLException {
        @SuppressWarnings("unchecked")
        var batch = (Batch<CompanyDraft>) planned;
        if (batch.creates.isEmpty() && batch.updates.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table import_company_stage (
                        op char(1), id uuid, name text, domain text, industry text, size text,
                        annual_revenue numeric(20, 2), currency char(3), phone text, website text, tags text[],
                        address jsonb, custom jsonb, external_id text) on commit drop""");
        }
        var copy = new Copy();
        batch.creates.forEach((id, d) -> stage(copy, "c", id, d));
        batch.updates.forEach((id, d) -> stage(copy, "u", id, d));
        copy.into(connection, "import_company_stage");
        Timestamp now = Timestamp.from(ctx.now());
        if (!batch.creates.isEmpty()) {
            jdbc.sql("""
                    insert into companies (tenant_id, id, name, domain, industry, size, annual_revenue, currency, phone,
                                           website, tags, address, custom, external_id, created_at, created_by,
                                           updated_at, updated_by)
                    select ?, id, name, domain, industry, size, annual_revenue, currency, phone, website, tags,
                           address, custom, external_id, ?, ?, ?, ?
                    from import_company_stage where op = 'c'
                    """).params(ctx.tenant(), now, s.userId(), now, s.userId()).update();
        }
        if (!batch.updates.isEmpty()) {
            jdbc.sql("""
                    update companies c set
                        name = coalesce(s.name, c.name),
                        domain = coalesce(s.domain, c.domain),
                        industry = coalesce(s.industry, c.industry),
                        size = coalesce(s.size, c.size),
                        annual_revenue = coalesce(s.annual_revenue, c.annual_revenue),
                        currency = coalesce(s.currency, c.currency),
                        phone = coalesce(s.phone, c.phone),
                        website = coalesce(s.website, c.website),
                        tags = c.tags || array(select t from unnest(s.tags) t where t <> all(c.tags)),
                        address = c.address || s.address,
                        custom = c.custom || s.custom,
                        external_id = coalesce(s.external_id, c.external_id),
                        updated_at = ?, updated_by = ?
                    from import_company_stage s
                    where s.op = 'u' and c.id = s.id
                    """).params(now, s.userId()).update();
        }
    }

    private void stage(Copy copy, String op, UUID id, CompanyDraft d) {
        copy.text(op)
                .id(id)
                .text(d.name)
                .text(d.domain)
                .text(d.industry)
                .text(d.size)
                .text(d.annualRevenue == null ? null : d.annualRevenue.toPlainString())
                .text(d.currency)
                .text(d.phone)
                .text(d.website)
                .array(d.tags)
                .text(json.writeValueAsString(d.address))
                .text(json.writeValueAsString(d.custom))
                .text(d.externalId)
                .endRow();
    }
}
