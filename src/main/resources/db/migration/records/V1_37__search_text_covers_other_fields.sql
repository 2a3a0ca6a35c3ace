-- Under forced row level security the app role's non-leakproof quals (tsvector @@, pg_trgm <%, array @>, jsonb @>)
-- cannot be index conditions: PostgreSQL evaluates them only after the policy, so a full-text branch read the whole
-- workspace (ADR 10). Typo search therefore finds its candidates by KNN alone (an ORDER BY distance, which the
-- barrier allows), and search_text now covers the other searchable fields too: all emails, job title and tags
-- (companies: industry and tags). The tsvector keeps ranking names above emails above the rest.
drop index contacts_trgm_idx;
alter table contacts drop column search_text;
alter table contacts add column search_text text generated always as (
    lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || crm_join(emails) || ' '
          || coalesce(job_title, '') || ' ' || crm_join(tags))) stored;
create index contacts_trgm_idx on contacts using gist (tenant_id, search_text gist_trgm_ops) where deleted_at is null;

drop index companies_trgm_idx;
alter table companies drop column search_text;
alter table companies add column search_text text generated always as (
    lower(name || ' ' || coalesce(domain, '') || ' ' || coalesce(industry, '') || ' ' || crm_join(tags))) stored;
create index companies_trgm_idx on companies using gist (tenant_id, search_text gist_trgm_ops) where deleted_at is null;
