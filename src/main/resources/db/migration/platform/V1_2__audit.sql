-- Audit log: tenant-isolated and append-only for the app role (no UPDATE, no DELETE granted).
create table audit_events (
    tenant_id     uuid        not null references workspaces (id) on delete cascade,
    id            uuid        not null,
    occurred_at   timestamptz not null,
    actor_user_id uuid,
    actor_label   text,
    action        text        not null,
    entity_type   text        not null,
    entity_id     text,
    changes       jsonb       not null default '{}',
    ip            text,
    user_agent    text,
    request_id    text,
    primary key (tenant_id, id)
);
create index audit_events_recent_idx on audit_events (tenant_id, occurred_at desc, id desc);
create index audit_events_entity_idx on audit_events (tenant_id, entity_type, entity_id);
create index audit_events_actor_idx on audit_events (tenant_id, actor_user_id, occurred_at desc);

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy audit_events_tenant on audit_events
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on audit_events to ${app_role};
