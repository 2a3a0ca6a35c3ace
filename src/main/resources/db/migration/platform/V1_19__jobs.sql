-- Workspace jobs (io.crmflow.platform.jobs.Jobs): what to run and its state, one row per job. db-scheduler's
-- scheduled_tasks row (task 'job', instance = jobs.id) only says when; the row here says what, for whom and how
-- it went. Tenant table: a job's own transactions run in its workspace, so RLS applies to the job itself too.
create table jobs (
    tenant_id    uuid        not null references workspaces (id) on delete cascade,
    id           uuid        not null,
    kind         text        not null check (length(kind) between 1 and 100),
    payload      text        not null,
    status       text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    attempts     int         not null default 0,
    run_at       timestamptz not null,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    last_error   text,
    primary key (tenant_id, id)
);
create index jobs_list_idx on jobs (tenant_id, created_at desc, id desc);
create index jobs_status_idx on jobs (tenant_id, status, created_at desc, id desc);
create index jobs_finished_idx on jobs (tenant_id, finished_at);

-- History: one row per run (attempt) of a job, kept 30 days.
create table job_runs (
    tenant_id    uuid        not null references workspaces (id) on delete cascade,
    id           uuid        not null,
    job_id       uuid        not null,
    kind         text        not null,
    attempt      int         not null,
    scheduled_at timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz not null,
    outcome      text        not null check (outcome in ('SUCCEEDED', 'FAILED', 'CANCELLED')),
    error        text,
    primary key (tenant_id, id),
    foreign key (tenant_id, job_id) references jobs (tenant_id, id) on delete cascade
);
create index job_runs_job_idx on job_runs (tenant_id, job_id, finished_at desc);
create index job_runs_finished_idx on job_runs (tenant_id, finished_at);

alter table jobs enable row level security;
alter table jobs force row level security;
create policy jobs_tenant on jobs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table job_runs enable row level security;
alter table job_runs force row level security;
create policy job_runs_tenant on job_runs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on jobs, job_runs to ${app_role};
