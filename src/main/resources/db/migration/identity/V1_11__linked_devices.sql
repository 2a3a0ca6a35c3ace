-- Phones linked to a user by scanning a code on a signed-in desktop. Per user, not per workspace: global tables.
-- Codes and device secrets are stored only as SHA-256 hashes.
create table device_link_codes (
    id         uuid        primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    code_hash  bytea       not null unique,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create table linked_devices (
    id           uuid        primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    name         text        not null check (length(name) between 1 and 60),
    user_agent   text,
    secret_hash  bytea       not null unique,
    created_at   timestamptz not null,
    last_used_at timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index linked_devices_user_idx on linked_devices (user_id);

grant select, insert, update, delete on device_link_codes, linked_devices to ${app_role};
