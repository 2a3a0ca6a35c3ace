-- TOTP two-factor (RFC 6238): global per-user credentials, like the password hash (no tenant, no RLS).
-- A row with confirmed_at null is an enrolment started but not yet confirmed with a code.
create table user_two_factor (
    user_id        uuid        primary key references users (id) on delete cascade,
    secret         bytea       not null check (length(secret) = 20),
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    -- the newest 30-second step a code was accepted for; a code must be for a newer step (no reuse)
    last_used_step bigint      not null default 0
);
grant select, insert, update, delete on user_two_factor to ${app_role};

-- Single-use recovery codes, stored only as SHA-256 of the random code.
create table user_recovery_codes (
    user_id   uuid        not null references user_two_factor (user_id) on delete cascade,
    code_hash bytea       not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);
grant select, insert, update, delete on user_recovery_codes to ${app_role};

-- Workspace admins may require every member to use two-factor sign-in.
alter table workspaces add column require_two_factor boolean not null default false;
grant update (require_two_factor) on workspaces to ${app_role};
