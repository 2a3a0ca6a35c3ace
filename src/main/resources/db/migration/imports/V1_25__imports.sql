-- Imports of contacts or companies. The uploaded file is kept in 1 MiB chunks so that any node can run (or resume
-- after a restart) the job; processed_rows is committed with each batch, so a resumed run skips what is done.
create table imports (
    tenant_id        uuid        not null references workspaces (id) on delete cascade,
    id               uuid        not null,
    entity           text        not null check (entity in ('contact', 'company')),
    status           text        not null check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    mode             text        not null check (mode in ('create', 'update', 'upsert')),
    match_by         text        not null check (match_by in ('email', 'externalId', 'domain')),
    file_name        text        not null,
    file_size        bigint      not null,
    format           text        not null check (format in ('csv', 'xlsx')),
    encoding         text,
    delimiter        text,
    default_region   text,
    headers          text[]      not null default '{}',
    mapping          jsonb       not null,
    total_rows       bigint,
    processed_rows   bigint      not null default 0,
    created_count    bigint      not null default 0,
    updated_count    bigint      not null default 0,
    error_count      bigint      not null default 0,
    failure          text,
    cancel_requested boolean     not null default false,
    attempts         integer     not null default 0,
    created_by       uuid,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    primary key (tenant_id, id)
);
create index imports_recent_idx on imports (tenant_id, created_at desc, id desc);

create table import_chunks (
    tenant_id uuid    not null,
    import_id uuid    not null,
    seq       integer not null,
    data      bytea   not null,
    primary key (tenant_id, import_id, seq),
    foreign key (tenant_id, import_id) references imports (tenant_id, id) on delete cascade
);

create table import_errors (
    tenant_id  uuid   not null,
    import_id  uuid   not null,
    row_number bigint not null,
    seq        integer not null,
    column_name text,
    message    text   not null,
    primary key (tenant_id, import_id, row_number, seq),
    foreign key (tenant_id, import_id) references imports (tenant_id, id) on delete cascade
);

-- Column mappings saved for reuse, found again by the file's header line.
create table import_mappings (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    id         uuid        not null,
    entity     text        not null check (entity in ('contact', 'company')),
    name       text        not null check (length(name) between 1 and 200),
    headers    text[]      not null,
    mapping    jsonb       not null,
    created_at timestamptz not null,
    primary key (tenant_id, id),
    unique (tenant_id, entity, name)
);

alter table imports enable row level security;
alter table imports force row level security;
create policy imports_tenant on imports
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on imports to ${app_role};

alter table import_chunks enable row level security;
alter table import_chunks force row level security;
create policy import_chunks_tenant on import_chunks
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on import_chunks to ${app_role};

alter table import_errors enable row level security;
alter table import_errors force row level security;
create policy import_errors_tenant on import_errors
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on import_errors to ${app_role};

alter table import_mappings enable row level security;
alter table import_mappings force row level security;
create policy import_mappings_tenant on import_mappings
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on import_mappings to ${app_role};
