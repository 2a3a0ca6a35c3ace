-- Global identity: workspaces (the tenants themselves) and users (one identity across workspaces).
create table workspaces (
    id         uuid        primary key,
    name       text        not null check (length(name) between 1 and 100),
    slug       text        not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'),
    plan       text        not null default 'free',
    created_at timestamptz not null
);

create table users (
    id                uuid        primary key,
    email             text        not null check (length(email) <= 254),
    name              text        not null check (length(name) between 1 and 100),
    password_hash     text        not null,
    time_zone         text        not null default 'UTC',
    locale            text        not null default 'en',
    last_workspace_id uuid        references workspaces (id) on delete set null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index users_email_key on users (lower(email));

grant select, insert on workspaces to ${app_role};
grant update (name) on workspaces to ${app_role};
grant select, insert, update on users to ${app_role};

-- Memberships are tenant data; a user may also read their own rows in every workspace (sign-in, switcher).
create table memberships (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    user_id    uuid        not null references users (id) on delete cascade,
    role       text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    created_at timestamptz not null,
    primary key (tenant_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

alter table memberships enable row level security;
alter table memberships force row level security;
create policy memberships_tenant on memberships
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy memberships_own_rows on memberships for select
    using (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
grant select, insert, update, delete on memberships to ${app_role};

-- Invitations by email; the invitee reads the ones addressed to their own email (to accept them).
create table invitations (
    tenant_id   uuid        not null references workspaces (id) on delete cascade,
    id          uuid        not null,
    email       text        not null,
    role        text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    token_hash  bytea       not null unique,
    invited_by  uuid        not null references users (id),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    primary key (tenant_id, id)
);
create index invitations_email_idx on invitations (lower(email));

alter table invitations enable row level security;
alter table invitations force row level security;
create policy invitations_tenant on invitations
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy invitations_addressed_to_me on invitations for select
    using (lower(email) = (select lower(u.email) from users u
                           where u.id = nullif(current_setting('app.user_id', true), '')::uuid));
grant select, insert, update on invitations to ${app_role};
