-- GDPR erasure: audit_events stays append-only for the app role (no UPDATE or DELETE granted). Erasing a contact
-- may blank the changes of that contact's own earlier audit entries through this one function, which runs as the
-- owner, only in the transaction's workspace and only for entity_type 'contact'; who did what and when is kept.
create function crm_redact_contact_audit(p_contact_id text) returns integer
    language sql security definer set search_path = public, pg_temp as $$
    with redacted as (
        update audit_events set changes = '{"redacted": "erased"}'::jsonb
        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
          and entity_type = 'contact' and entity_id = p_contact_id
        returning 1)
    select count(*)::integer from redacted
$$;
revoke all on function crm_redact_contact_audit(text) from public;
grant execute on function crm_redact_contact_audit(text) to ${app_role};
