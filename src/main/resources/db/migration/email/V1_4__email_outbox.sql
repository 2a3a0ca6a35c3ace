-- Outgoing mail, written in the transaction of its cause and sent by a job. Global (mail can be per user), so it
-- has no tenant_id and no row level security: workspace_id only says which workspace's admins see the row, and
-- the email module filters by it explicitly.
create table email_outbox (
    id              uuid        primary key,
    workspace_id    uuid        references workspaces (id) on delete set null,
    kind            text        not null,
    account_mail    boolean     not null,
    recipient       text        not null check (length(recipient) <= 254),
    subject         text        not null,
    text_body       text        not null,
    html_body       text        not null,
    status          text        not null check (status in ('QUEUED', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    logged_at       timestamptz,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'QUEUED';
create index email_outbox_workspace_idx on email_outbox (workspace_id, created_at desc, id desc);

grant select, insert, update on email_outbox to ${app_role};
