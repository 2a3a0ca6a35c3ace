-- Email verification and password reset. Accounts that existed before count as verified.
alter table users add column email_verified_at timestamptz;
update users set email_verified_at = created_at;

-- Single-use links: only the SHA-256 of the token is stored. Global: they belong to a user, not a workspace.
create table account_tokens (
    token_hash bytea       primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    purpose    text        not null check (purpose in ('email_verification', 'password_reset')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index account_tokens_user_idx on account_tokens (user_id, purpose, created_at desc);

grant select, insert, update on account_tokens to ${app_role};
