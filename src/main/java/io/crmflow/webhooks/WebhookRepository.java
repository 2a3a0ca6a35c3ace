package io.crmflow.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code webhook_endpoints}, {@code webhook_events} and {@code webhook_deliveries}; all tenant rows. */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record EndpointRow(
            UUID id,
            String url,
            List<String> events,
            boolean enabled,
            String secret,
            @Nullable String previousSecret,
            @Nullable Instant previousSecretExpiresAt,
            int failedInARow,
            @Nullable String disabledReason,
            Instant createdAt) {}

    record DeliveryRow(
            UUID id,
            UUID endpointId,
            UUID eventId,
            String eventType,
            String body,
            String status,
            int attempts,
            @Nullable Integer responseCode,
            @Nullable Long latencyMs,
            @Nullable String error,
            @Nullable Instant nextAttemptAt,
            Instant createdAt,
            @Nullable Instant finishedAt) {}

    void insertEndpoint(
            UUID tenant, UUID id, String url, List<String> events, boolean enabled, String secret, Instant at) {
        jdbc.sql("""
                insert into webhook_endpoints (tenant_id, id, url, events, enabled, secret, created_at)
                values (?, ?, ?, ?::text[], ?, ?, ?)
                """)
                .params(tenant, id, url, array(events), enabled, secret, Timestamp.from(at))
                .update();
    }

    private static final String ENDPOINT = """
            select id, url, events, enabled, secret, previous_secret, previous_secret_expires_at,
                   failed_deliveries_in_a_row, disabled_reason, created_at
            from webhook_endpoints
            """;

    Optional<EndpointRow> endpoint(UUID id) {
        return jdbc.sql(ENDPOINT + " where id = ?")
                .param(id)
                .query(this::mapEndpoint)
                .optional();
    }

    Optional<EndpointRow> lockEndpoint(UUID id) {
        return jdbc.sql(ENDPOINT + " where id = ? for update")
                .param(id)
                .query(this::mapEndpoint)
                .optional();
    }

    List<EndpointRow> endpoints(@Nullable Instant beforeAt, @Nullable UUID beforeId, int limit) {
        if (beforeAt == null) {
            return jdbc.sql(ENDPOINT + " order by created_at desc, id desc limit ?")
                    .param(limit)
                    .query(this::mapEndpoint)
                    .list();
        }
        return jdbc.sql(ENDPOINT + " where (created_at, id) < (?, ?) order by created_at desc, id desc limit ?")
                .params(Timestamp.from(beforeAt), beforeId, limit)
                .query(this::mapEndpoint)
                .list();
    }

    List<EndpointRow> subscribers(String type) {
        return jdbc.sql(ENDPOINT + " where enabled and ? = any(events)")
                .param(type)
                .query(this::mapEndpoint)
                .list();
    }

    void updateEndpoint(UUID id, String url, List<String> events, boolean enabled) {
        jdbc.sql("""
                update webhook_endpoints set url = ?, events = ?::text[], enabled = ?,
                       failed_deliveries_in_a_row = case when ? and not enabled then 0 else failed_deliveries_in_a_row end,
                       disabled_reason = case when ? then null else disabled_reason end
                where id = ?
                """).params(url, array(events), enabled, enabled, enabled, id).update();
    }

    void rotate(UUID id, String secret, String previous, Instant previousExpiresAt) {
        jdbc.sql("""
                update webhook_endpoints set secret = ?, previous_secret = ?, previous_secret_expires_at = ?
                where id = ?
                """)
                .params(secret, previous, Timestamp.from(previousExpiresAt), id)
                .update();
    }

    boolean deleteEndpoint(UUID id) {
        return jdbc.sql("delete from webhook_endpoints where id = ?").param(id).update() == 1;
    }

    /** Counts a delivery that failed for good, or resets the count after a success; returns the new count. */
    int countFailure(UUID endpointId, boolean failed) {
        return jdbc.sql("""
                update webhook_endpoints
                set failed_deliveries_in_a_row = case when ? then failed_deliveries_in_a_row + 1 else 0 end
                where id = ? returning failed_deliveries_in_a_row
                """)
                .params(failed, endpointId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    void disable(UUID endpointId, String reason) {
        jdbc.sql("update webhook_endpoints set enabled = false, disabled_reason = ? where id = ?")
                .params(reason, endpointId)
                .update();
    }

    void insertEvent(UUID tenant, UUID id, String type, String body, Instant at) {
        jdbc.sql("insert into webhook_events (tenant_id, id, type, body, created_at) values (?, ?, ?, ?, ?)")
                .params(tenant, id, type, body, Timestamp.from(at))
                .update();
    }

    void insertDelivery(UUID tenant, UUID id, UUID endpointId, UUID eventId, Instant at) {
        jdbc.sql("""
                insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, next_attempt_at, created_at)
                values (?, ?, ?, ?, 'PENDING', ?, ?)
                """)
                .params(tenant, id, endpointId, eventId, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    private static final String DELIVERY = """
            select d.id, d.endpoint_id, d.event_id, e.type, e.body, d.status, d.attempts, d.response_code,
                   d.latency_ms, d.error, d.next_attempt_at, d.created_at, d.finished_at
            from webhook_deliveries d join webhook_events e on e.tenant_id = d.tenant_id and e.id = d.event_id
            """;

    Optional<DeliveryRow> delivery(UUID id) {
        return jdbc.sql(DELIVERY + " where d.id = ?")
                .param(id)
                .query(this::mapDelivery)
                .optional();
    }

    /** Locks the delivery for its attempt, so that two runs of the same job never record at once. */
    Optional<DeliveryRow> lockDelivery(UUID id) {
        return jdbc.sql(DELIVERY + " where d.id = ? for update of d")
                .param(id)
                .query(this::mapDelivery)
                .optional();
    }

    List<DeliveryRow> deliveries(UUID endpointId, @Nullable Instant beforeAt, @Nullable UUID beforeId, int limit) {
        if (beforeAt == null) {
            return jdbc.sql(DELIVERY + " where d.endpoint_id = ? order by d.created_at desc, d.id desc limit ?")
                    .params(endpointId, limit)
                    .query(this::mapDelivery)
                    .list();
        }
        return jdbc.sql(DELIVERY + """
                 where d.endpoint_id = ? and (d.created_at, d.id) < (?, ?)
                 order by d.created_at desc, d.id desc limit ?
                """)
                .params(endpointId, Timestamp.from(beforeAt), beforeId, limit)
                .query(this::mapDelivery)
                .list();
    }

    void recordAttempt(
            UUID id,
            String status,
            int attempts,
            @Nullable Integer responseCode,
            long latencyMs,
            @Nullable String error,
            @Nullable Instant nextAttemptAt,
            @Nullable Instant finishedAt) {
        jdbc.sql("""
                update webhook_deliveries set status = ?, attempts = ?, response_code = ?, latency_ms = ?, error = ?,
                       next_attempt_at = ?, finished_at = ?
                where id = ?
                """)
                .params(
                        status,
                        attempts,
                        responseCode,
                        latencyMs,
                        error,
                        nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt),
                        finishedAt == null ? null : Timestamp.from(finishedAt),
                        id)
                .update();
    }

    private EndpointRow mapEndpoint(ResultSet rs, int row) throws SQLException {
        return new EndpointRow(
                rs.getObject("id", UUID.class),
                rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()),
                rs.getBoolean("enabled"),
                rs.getString("secret"),
                rs.getString("previous_secret"),
                instant(rs.getTimestamp("previous_secret_expires_at")),
                rs.getInt("failed_deliveries_in_a_row"),
                rs.getString("disabled_reason"),
                rs.getTimestamp("created_at").toInstant());
    }

    private DeliveryRow mapDelivery(ResultSet rs, int row) throws SQLException {
        return new DeliveryRow(
                rs.getObject("id", UUID.class),
                rs.getObject("endpoint_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("type"),
                rs.getString("body"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getObject("response_code", Integer.class),
                rs.getObject("latency_ms", Long.class),
                rs.getString("error"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("finished_at")));
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
