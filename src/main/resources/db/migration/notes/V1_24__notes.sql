-- Notes (markdown, sanitised when rendered) on a contact or a company; a note with parent_id is a comment on it.
create table notes (
    tenant_id  uuid        not null references workspaces (id) on delete cascade,
    id         uuid        not null,
    contact_id uuid,
    company_id uuid,
    parent_id  uuid,
    body       text        not null check (length(body) between 1 and 20000),
    author_id  uuid,
    mentions   uuid[]      not null default '{}',
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (tenant_id, id),
    check ((contact_id is null) <> (company_id is null)),
    foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade,
    foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete cascade,
    foreign key (tenant_id, parent_id) references notes (tenant_id, id) on delete cascade
);
create index notes_contact_idx on notes (tenant_id, contact_id, created_at desc, id desc) where contact_id is not null;
create index notes_company_idx on notes (tenant_id, company_id, created_at desc, id desc) where company_id is not null;

alter table notes enable row level security;
alter table notes force row level security;
create policy notes_tenant on notes
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on notes to ${app_role};
