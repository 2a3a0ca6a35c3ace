-- Webhooks: endpoints an admin registered, the events recorded for them (an outbox written in the transaction of
-- the change) and one delivery per (event, endpoint). Secrets are stored as given: they must sign (ADR 8).
create table webhook_endpoints (
    tenant_id                  uuid        not null references workspaces (id) on delete cascade,
    id                         uuid        not null,
    url                        text        not null check (length(url) between 1 and 2000),
    events                     text[]      not null check (cardinality(events) between 1 and 100),
    enabled                    boolean     not null,
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    failed_deliveries_in_a_row integer     not null default 0,
    disabled_reason            text,
    created_at                 timestamptz not null,
    primary key (tenant_id, id)
);
create index webhook_endpoints_recent_idx on webhook_endpoints (tenant_id, created_at desc, id desc);

create table webhook_events (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    id         uuid        not null,
    type       text        not null,
    body       text        not null,
    created_at timestamptz not null,
    primary key (tenant_id, id)
);

create table webhook_deliveries (
    tenant_id     uuid        not null,
    id            uuid        not null,
    endpoint_id   uuid        not null,
    event_id      uuid        not null,
    status        text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts      integer     not null default 0,
    response_code integer,
    latency_ms    bigint,
    error         text,
    next_attempt_at timestamptz,
    created_at    timestamptz not null,
    finished_at   timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
    foreign key (tenant_id, event_id) references webhook_events (tenant_id, id) on delete cascade
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (tenant_id, endpoint_id, created_at desc, id desc);
create index webhook_deliveries_event_idx on webhook_deliveries (tenant_id, event_id);

alter table webhook_endpoints enable row level security;
alter table webhook_endpoints force row level security;
create policy webhook_endpoints_tenant on webhook_endpoints
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on webhook_endpoints to ${app_role};

alter table webhook_events enable row level security;
alter table webhook_events force row level security;
create policy webhook_events_tenant on webhook_events
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, delete on webhook_events to ${app_role};

alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy webhook_deliveries_tenant on webhook_deliveries
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on webhook_deliveries to ${app_role};
