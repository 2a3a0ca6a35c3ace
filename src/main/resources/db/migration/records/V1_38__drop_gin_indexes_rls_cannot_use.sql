-- The app role works under forced row level security, where PostgreSQL runs non-leakproof operators (tsvector @@,
-- array @> && , jsonb @>, pg_trgm %) only after the policy: they never become index conditions for it (checked with
-- EXPLAIN as the app role: a GIN on (tenant_id, tags) answers `tags @> '{vip}'` with a scan of the workspace).
-- These GIN indexes only cost writes (imports above all), so they go. Lookups that must be fast use leakproof
-- btree equality instead (primary email, phone, company), and typo search uses KNN order on the GiST index.
drop index contacts_emails_idx;
drop index contacts_phones_idx;
drop index contacts_tags_idx;
drop index contacts_search_idx;
drop index contacts_custom_idx;
drop index companies_search_idx;
drop index companies_tags_idx;
drop index companies_custom_idx;

create index contacts_phone_idx on contacts (tenant_id, phone) where deleted_at is null and phone is not null;
