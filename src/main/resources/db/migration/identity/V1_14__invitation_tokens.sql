-- Lets a person without an account open their invitation link: token hash -> workspace and invitation. Global
-- (column workspace_id, not tenant_id): the lookup happens before any workspace is known; it reveals nothing
-- without the token, which only the invitee has.
create table invitation_tokens (
    token_hash    bytea primary key,
    workspace_id  uuid  not null references workspaces (id) on delete cascade,
    invitation_id uuid  not null
);
grant select, insert on invitation_tokens to ${app_role};

-- invitations issued before this table existed keep working for existing accounts; new ones get a lookup row.
