-- In-app notifications to one user in one workspace. The tenant policy keeps workspaces apart; within a workspace
-- every query of the notifications module also filters by the current user (app.user_id), since a user may only
-- see what is addressed to them. No second policy arm for that: writers (other users, jobs) notify someone else.
-- A removed member's notifications go with their membership.
create table notifications (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    id         uuid        not null,
    user_id    uuid        not null,
    kind       text        not null check (length(kind) between 1 and 60),
    title      text        not null check (length(title) between 1 and 200),
    body       text        not null check (length(body) <= 2000),
    link       text        check (link ~ '^/([^/\\]|$)' and length(link) <= 500),
    created_at timestamptz not null,
    read_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references memberships (tenant_id, user_id) on delete cascade
);
create index notifications_user_recent_idx on notifications (tenant_id, user_id, created_at desc, id desc);
create index notifications_user_unread_idx on notifications (tenant_id, user_id) where read_at is null;

alter table notifications enable row level security;
alter table notifications force row level security;
create policy notifications_tenant on notifications
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on notifications to ${app_role};
grant update (read_at) on notifications to ${app_role};
