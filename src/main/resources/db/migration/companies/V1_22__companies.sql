-- Companies. Soft-deleted rows (deleted_at) are the trash, restorable for 30 days; merged_into marks a record merged
-- into a survivor (undoable for 30 days). search/search_text are generated: full text (names > domain > other)
-- and trigram text for typo tolerance, each indexed per tenant (btree_gin composite GIN, ADR 10).
alter table workspaces add column record_visibility text not null default 'workspace'
    check (record_visibility in ('workspace', 'private'));
grant update (record_visibility) on workspaces to ${app_role};

create table companies (
    tenant_id      uuid        not null references workspaces (id) on delete cascade,
    id             uuid        not null,
    name           text        not null check (length(name) between 1 and 300),
    domain         text        check (length(domain) <= 253),
    industry       text        check (length(industry) <= 200),
    size           text        check (size in ('1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000',
                                                 '5001-10000', '10001+')),
    annual_revenue numeric(20, 2),
    currency       char(3),
    address        jsonb       not null default '{}',
    phone          text,
    website        text,
    owner_id       uuid,
    parent_id      uuid,
    tags           text[]      not null default '{}',
    custom         jsonb       not null default '{}',
    external_id    text        check (length(external_id) <= 200),
    enrichment     jsonb,
    created_at     timestamptz not null,
    created_by     uuid,
    updated_at     timestamptz not null,
    updated_by     uuid,
    deleted_at     timestamptz,
    deleted_by     uuid,
    merged_into    uuid,
    search         tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(domain, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(industry, '') || ' ' || crm_join(tags)), 'C')) stored,
    search_text    text generated always as (lower(name || ' ' || coalesce(domain, ''))) stored,
    primary key (tenant_id, id),
    foreign key (tenant_id, owner_id) references memberships (tenant_id, user_id) on delete set null (owner_id),
    foreign key (tenant_id, parent_id) references companies (tenant_id, id) on delete set null (parent_id),
    check (parent_id is null or parent_id <> id)
);
create index companies_name_idx on companies (tenant_id, lower(name), id) where deleted_at is null;
create index companies_created_idx on companies (tenant_id, created_at, id) where deleted_at is null;
create index companies_updated_idx on companies (tenant_id, updated_at, id) where deleted_at is null;
create index companies_domain_idx on companies (tenant_id, domain) where deleted_at is null;
create index companies_parent_idx on companies (tenant_id, parent_id) where parent_id is not null;
create index companies_owner_idx on companies (tenant_id, owner_id, id) where deleted_at is null;
create index companies_deleted_idx on companies (tenant_id, deleted_at, id) where deleted_at is not null;
create unique index companies_external_idx on companies (tenant_id, external_id) where external_id is not null;
create index companies_search_idx on companies using gin (tenant_id, search);
create index companies_trgm_idx on companies using gin (tenant_id, search_text gin_trgm_ops);
create index companies_tags_idx on companies using gin (tenant_id, tags);
create index companies_custom_idx on companies using gin (tenant_id, custom jsonb_path_ops);

-- Users a private record is shared with (the workspace's record_visibility = 'private').
create table company_shares (
    tenant_id  uuid not null,
    company_id uuid not null,
    user_id    uuid not null,
    primary key (tenant_id, company_id, user_id),
    foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete cascade,
    foreign key (tenant_id, user_id) references memberships (tenant_id, user_id) on delete cascade
);

-- Custom field values kept typed for index-backed sorting and range filters; maintained by a trigger from
-- companies.custom (the source of truth), so bulk imports keep it right too.
create table company_field_values (
    tenant_id  uuid    not null,
    company_id uuid    not null,
    key        text    not null,
    text_value text,
    num_value  numeric,
    primary key (tenant_id, key, company_id),
    foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete cascade
);
create index company_field_values_text_idx on company_field_values (tenant_id, key, text_value, company_id);
create index company_field_values_num_idx on company_field_values (tenant_id, key, num_value, company_id)
    where num_value is not null;

-- Generic: keeps <entity>_field_values in step with <entity>.custom (numbers also get num_value; arrays are
-- joined with ', '; objects are kept as their JSON text).
create function crm_sync_field_values() returns trigger language plpgsql as $$
declare
    values_table text := tg_argv[0];
    id_column    text := tg_argv[1];
begin
    if tg_op = 'UPDATE' then
        execute format('delete from %I where tenant_id = $1 and %I = $2', values_table, id_column)
            using old.tenant_id, old.id;
    end if;
    execute format(
        'insert into %I (tenant_id, %I, key, text_value, num_value)
         select $1, $2, e.key,
                case jsonb_typeof(e.value)
                    when ''string'' then e.value #>> ''{}''
                    when ''array'' then (select string_agg(x #>> ''{}'', '', '') from jsonb_array_elements(e.value) x)
                    when ''null'' then null
                    else e.value::text end,
                case when jsonb_typeof(e.value) = ''number'' then (e.value #>> ''{}'')::numeric end
         from jsonb_each($3) e', values_table, id_column)
        using new.tenant_id, new.id, new.custom;
    return null;
end $$;

create trigger companies_field_values_insert after insert on companies
    for each row when (new.custom <> '{}'::jsonb)
    execute function crm_sync_field_values('company_field_values', 'company_id');
create trigger companies_field_values_update after update of custom on companies
    for each row when (old.custom is distinct from new.custom)
    execute function crm_sync_field_values('company_field_values', 'company_id');

alter table companies enable row level security;
alter table companies force row level security;
create policy companies_tenant on companies
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on companies to ${app_role};

alter table company_shares enable row level security;
alter table company_shares force row level security;
create policy company_shares_tenant on company_shares
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on company_shares to ${app_role};

alter table company_field_values enable row level security;
alter table company_field_values force row level security;
create policy company_field_values_tenant on company_field_values
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on company_field_values to ${app_role};
