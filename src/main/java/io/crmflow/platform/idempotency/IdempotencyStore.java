package io.crmflow.platform.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The kept first responses, in the current workspace (row level security), for 24 hours. Expired ones are deleted
 * when their workspace next claims a key: the app role cannot see other workspaces' rows to purge them centrally.
 */
@Component
class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an earlier request with the same key left. */
    record Earlier(
            byte[] requestHash,
            String state,
            @Nullable Integer status,
            @Nullable String type,
            byte @Nullable [] body) {
        boolean sameRequest(byte[] hash) {
            return Arrays.equals(requestHash, hash);
        }
    }

    /** Claims the key for this request; empty if claimed, else what is already there. */
    @Transactional
    public Optional<Earlier> claim(String caller, String key, byte[] requestHash) {
        Instant now = Instant.now(clock);
        jdbc.sql("""
                delete from idempotency_keys
                where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and created_at < ?
                """).param(Timestamp.from(now.minus(RETENTION))).update();
        int claimed = jdbc.sql("""
                        insert into idempotency_keys (tenant_id, caller, idempotency_key, request_hash, state, created_at)
                        values (nullif(current_setting('app.tenant_id', true), '')::uuid, ?, ?, ?, 'IN_PROGRESS', ?)
                        on conflict do nothing
                        """)
                .params(caller, key, requestHash, Timestamp.from(now))
                .update();
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select request_hash, state, response_status, response_type, response_body from idempotency_keys
                        where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                          and caller = ? and idempotency_key = ?
                        """)
                .params(caller, key)
                .query((rs, n) -> new Earlier(
                        rs.getBytes(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4), rs.getBytes(5)))
                .optional();
    }

    @Transactional
    public void complete(String caller, String key, int status, @Nullable String type, byte[] body) {
        jdbc.sql("""
                update idempotency_keys set state = 'DONE', response_status = ?, response_type = ?, response_body = ?
                where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                  and caller = ? and idempotency_key = ?
                """).params(status, type, body, caller, key).update();
    }

    /** Lets the client try again with the same key (the first attempt failed on our side). */
    @Transactional
    public void release(String caller, String key) {
        jdbc.sql("""
                delete from idempotency_keys
                where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                  and caller = ? and idempotency_key = ?
                """).params(caller, key).update();
    }
}
