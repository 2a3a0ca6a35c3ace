-- Idempotency-Key on POST: the first response per (workspace, caller, key) is kept 24 h and replayed.
create table idempotency_keys (
    tenant_id        uuid        not null references workspaces (id) on delete cascade,
    caller           text        not null,
    idempotency_key  text        not null check (length(idempotency_key) between 1 and 255),
    request_hash     bytea       not null,
    state            text        not null check (state in ('IN_PROGRESS', 'DONE')),
    response_status  int,
    response_type    text,
    response_body    bytea,
    created_at       timestamptz not null,
    primary key (tenant_id, caller, idempotency_key)
);
create index idempotency_keys_created_idx on idempotency_keys (tenant_id, created_at);

alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy idempotency_keys_tenant on idempotency_keys
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on idempotency_keys to ${app_role};
