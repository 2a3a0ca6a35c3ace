-- QR sign-in sessions: global (a desktop is not in any workspace until approved). Tokens and the desktop's
-- secret are stored only as SHA-256 hashes.
create table qr_sessions (
    id                   uuid        primary key,
    token_hash           bytea       not null unique,
    desktop_secret_hash  bytea       not null,
    state                text        not null check (state in ('PENDING', 'SCANNED', 'APPROVED', 'CONSUMED', 'DENIED')),
    match_number         smallint,
    choices              smallint[],
    created_at           timestamptz not null,
    expires_at           timestamptz not null,
    requester_ip         text,
    requester_user_agent text,
    scanned_by           uuid        references users (id) on delete cascade,
    scanned_at           timestamptz,
    workspace_id         uuid        references workspaces (id) on delete cascade,
    approved_at          timestamptz,
    consumed_at          timestamptz,
    denial_reason        text
);
create index qr_sessions_expiry_idx on qr_sessions (expires_at);
grant select, insert, update, delete on qr_sessions to ${app_role};

-- Workspace admins may turn QR sign-in off for their workspace.
alter table workspaces add column qr_sign_in_enabled boolean not null default true;
grant update (qr_sign_in_enabled) on workspaces to ${app_role};
