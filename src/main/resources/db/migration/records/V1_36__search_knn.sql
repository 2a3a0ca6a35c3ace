-- Typo search as a nearest-neighbour scan (bench/contacts-read.sh, ADR 10): a GIN trigram index cannot stop after
-- the best matches, and a common prefix ("jo…") made it rank every match of a 100 k workspace (2.3 s). A GiST
-- trigram index led by tenant_id (btree_gist) returns live rows in word-similarity order, so the search takes the
-- first n and stops (48 ms there, 1.2 ms in a 1 k workspace). It replaces the GIN trigram index, which only search used.
create extension if not exists btree_gist;

drop index contacts_trgm_idx;
create index contacts_trgm_idx on contacts using gist (tenant_id, search_text gist_trgm_ops) where deleted_at is null;

drop index companies_trgm_idx;
create index companies_trgm_idx on companies using gist (tenant_id, search_text gist_trgm_ops) where deleted_at is null;
