-- API keys: tenant data (who made them, their scopes, when last used), stored only as SHA-256 of the secret.
create table api_keys (
    tenant_id    uuid        not null references workspaces (id) on delete cascade,
    id           uuid        not null,
    name         text        not null check (length(name) between 1 and 100),
    prefix       text        not null,
    key_hash     bytea       not null unique,
    scopes       text[]      not null check (cardinality(scopes) between 1 and 50),
    created_by   uuid        not null references users (id),
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    last_used_ip text,
    primary key (tenant_id, id)
);
create index api_keys_recent_idx on api_keys (tenant_id, created_at desc, id desc);

alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy api_keys_tenant on api_keys
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on api_keys to ${app_role};

-- The way in before any tenant is known: hash -> (workspace, key). Global, holds no secret and nothing else;
-- the key's state (revoked, expired, scopes) is read from api_keys under that workspace's RLS. No tenant_id
-- column on purpose: it is not tenant data and has no RLS (see ADR 6).
create table api_key_lookup (
    key_hash     bytea primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    key_id       uuid  not null
);
grant select, insert, delete on api_key_lookup to ${app_role};
