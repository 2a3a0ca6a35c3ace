-- Search helpers shared by the CRM record tables: trigram typo tolerance and btree_gin so that one GIN index can
-- lead with tenant_id (a tenant-scoped trigram/tsvector/jsonb index, ADR 10). Both are trusted extensions.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;

-- array_to_string is only STABLE; generated search columns need an IMMUTABLE join of a text[].
create function crm_join(parts text[]) returns text
    language sql immutable parallel safe
    return coalesce(array_to_string(parts, ' '), '');

-- Custom fields an admin defined for contacts or companies. The key is stable for the field's life (renaming
-- changes the label only), so stored values are never orphaned by a rename.
create table custom_fields (
    tenant_id     uuid        not null references workspaces (id) on delete cascade,
    id            uuid        not null,
    entity        text        not null check (entity in ('contact', 'company')),
    key           text        not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    label         text        not null check (length(label) between 1 and 200),
    type          text        not null check (type in ('text', 'long_text', 'number', 'currency', 'date', 'date_time',
                                                       'boolean', 'select', 'multi_select', 'url', 'email', 'phone')),
    required      boolean     not null default false,
    default_value jsonb,
    options       text[]      not null default '{}',
    validation    jsonb       not null default '{}',
    position      integer     not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, entity, key)
);

alter table custom_fields enable row level security;
alter table custom_fields force row level security;
create policy custom_fields_tenant on custom_fields
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on custom_fields to ${app_role};
