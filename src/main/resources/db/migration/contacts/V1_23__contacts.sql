-- Contacts. emails/phones keep every address/number, the first being the primary one (email/phone are generated
-- from it); phones are E.164. Trash, merge marks, search columns and custom-field sorting as for companies.
create table contacts (
    tenant_id       uuid        not null references workspaces (id) on delete cascade,
    id              uuid        not null,
    first_name      text        check (length(first_name) <= 200),
    last_name       text        check (length(last_name) <= 200),
    emails          text[]      not null default '{}' check (cardinality(emails) <= 20),
    email           text generated always as (lower(emails[1])) stored,
    phones          text[]      not null default '{}' check (cardinality(phones) <= 20),
    phone           text generated always as (phones[1]) stored,
    job_title       text        check (length(job_title) <= 200),
    company_id      uuid,
    owner_id        uuid,
    tags            text[]      not null default '{}',
    address         jsonb       not null default '{}',
    source          text        check (length(source) <= 200),
    lifecycle_stage text        check (lifecycle_stage in ('subscriber', 'lead', 'marketing_qualified',
                                        'sales_qualified', 'opportunity', 'customer', 'evangelist', 'other')),
    consent         jsonb       not null default '{}',
    custom          jsonb       not null default '{}',
    external_id     text        check (length(external_id) <= 200),
    created_at      timestamptz not null,
    created_by      uuid,
    updated_at      timestamptz not null,
    updated_by      uuid,
    deleted_at      timestamptz,
    deleted_by      uuid,
    merged_into     uuid,
    search          tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, crm_join(emails)), 'B')
        || setweight(to_tsvector('simple'::regconfig,
               coalesce(job_title, '') || ' ' || crm_join(phones) || ' ' || crm_join(tags)), 'C')) stored,
    search_text     text generated always as (
        lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(emails[1], ''))) stored,
    primary key (tenant_id, id),
    check (first_name is not null or last_name is not null or cardinality(emails) > 0),
    foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete set null (company_id),
    foreign key (tenant_id, owner_id) references memberships (tenant_id, user_id) on delete set null (owner_id)
);
create index contacts_name_idx on contacts (tenant_id, lower(coalesce(last_name, '')), lower(coalesce(first_name, '')), id)
    where deleted_at is null;
create index contacts_created_idx on contacts (tenant_id, created_at, id) where deleted_at is null;
create index contacts_updated_idx on contacts (tenant_id, updated_at, id) where deleted_at is null;
create index contacts_email_idx on contacts (tenant_id, coalesce(email, ''), id) where deleted_at is null;
create index contacts_company_idx on contacts (tenant_id, company_id) where company_id is not null;
create index contacts_owner_idx on contacts (tenant_id, owner_id, id) where deleted_at is null;
create index contacts_deleted_idx on contacts (tenant_id, deleted_at, id) where deleted_at is not null;
create unique index contacts_external_idx on contacts (tenant_id, external_id) where external_id is not null;
create index contacts_emails_idx on contacts using gin (tenant_id, emails);
create index contacts_phones_idx on contacts using gin (tenant_id, phones);
create index contacts_tags_idx on contacts using gin (tenant_id, tags);
create index contacts_search_idx on contacts using gin (tenant_id, search);
create index contacts_trgm_idx on contacts using gin (tenant_id, search_text gin_trgm_ops);
create index contacts_custom_idx on contacts using gin (tenant_id, custom jsonb_path_ops);

-- Companies a contact worked for before (the current one is contacts.company_id).
create table contact_past_companies (
    tenant_id  uuid        not null,
    contact_id uuid        not null,
    company_id uuid        not null,
    job_title  text,
    ended_at   timestamptz not null,
    primary key (tenant_id, contact_id, company_id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade,
    foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete cascade
);
create index contact_past_companies_company_idx on contact_past_companies (tenant_id, company_id);

create table contact_shares (
    tenant_id  uuid not null,
    contact_id uuid not null,
    user_id    uuid not null,
    primary key (tenant_id, contact_id, user_id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade,
    foreign key (tenant_id, user_id) references memberships (tenant_id, user_id) on delete cascade
);

create table contact_field_values (
    tenant_id  uuid    not null,
    contact_id uuid    not null,
    key        text    not null,
    text_value text,
    num_value  numeric,
    primary key (tenant_id, key, contact_id),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade
);
create index contact_field_values_text_idx on contact_field_values (tenant_id, key, text_value, contact_id);
create index contact_field_values_num_idx on contact_field_values (tenant_id, key, num_value, contact_id)
    where num_value is not null;

create trigger contacts_field_values_insert after insert on contacts
    for each row when (new.custom <> '{}'::jsonb)
    execute function crm_sync_field_values('contact_field_values', 'contact_id');
create trigger contacts_field_values_update after update of custom on contacts
    for each row when (old.custom is distinct from new.custom)
    execute function crm_sync_field_values('contact_field_values', 'contact_id');

-- Saved filters ("segments") over contacts or companies; private to their owner or shared with the workspace.
create table segments (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    id         uuid        not null,
    entity     text        not null check (entity in ('contact', 'company')),
    name       text        not null check (length(name) between 1 and 200),
    filter     jsonb       not null,
    shared     boolean     not null default false,
    owner_id   uuid        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, owner_id) references memberships (tenant_id, user_id) on delete cascade
);
create index segments_owner_idx on segments (tenant_id, entity, owner_id);

-- Bulk actions and merges keep what they changed so they can be undone (bulk once, merges for 30 days).
create table record_undo (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    id         uuid        not null,
    kind       text        not null check (kind in ('bulk', 'merge')),
    entity     text        not null check (entity in ('contact', 'company')),
    action     text        not null,
    record_ids uuid[]      not null,
    snapshot   jsonb       not null,
    user_id    uuid,
    created_at timestamptz not null,
    undone_at  timestamptz,
    primary key (tenant_id, id)
);
create index record_undo_recent_idx on record_undo (tenant_id, created_at desc, id desc);

-- Pairs a user marked "not a duplicate" (a_id < b_id).
create table duplicate_ignores (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    entity     text        not null check (entity in ('contact', 'company')),
    a_id       uuid        not null,
    b_id       uuid        not null,
    created_at timestamptz not null,
    primary key (tenant_id, entity, a_id, b_id),
    check (a_id < b_id)
);

alter table contacts enable row level security;
alter table contacts force row level security;
create policy contacts_tenant on contacts
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on contacts to ${app_role};

alter table contact_past_companies enable row level security;
alter table contact_past_companies force row level security;
create policy contact_past_companies_tenant on contact_past_companies
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on contact_past_companies to ${app_role};

alter table contact_shares enable row level security;
alter table contact_shares force row level security;
create policy contact_shares_tenant on contact_shares
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on contact_shares to ${app_role};

alter table contact_field_values enable row level security;
alter table contact_field_values force row level security;
create policy contact_field_values_tenant on contact_field_values
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on contact_field_values to ${app_role};

alter table segments enable row level security;
alter table segments force row level security;
create policy segments_tenant on segments
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on segments to ${app_role};

alter table record_undo enable row level security;
alter table record_undo force row level security;
create policy record_undo_tenant on record_undo
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on record_undo to ${app_role};

alter table duplicate_ignores enable row level security;
alter table duplicate_ignores force row level security;
create policy duplicate_ignores_tenant on duplicate_ignores
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on duplicate_ignores to ${app_role};
