package io.crmflow.records;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved filters ("segments") of contacts or companies: private to the member who saved them, or shared with the
 * workspace. Only the owner (or an OWNER/ADMIN, for shared ones) changes or deletes one.
 */
@Service
public class Segments {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<RecordType> types;
    private final RecordAccess access;
    private final AuditLog audit;
    private final Clock clock;

    Segments(
            JdbcClient jdbc,
            JsonMapper json,
            List<RecordType> types,
            RecordAccess access,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.types = types;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public record SegmentInput(
            @Nullable String entity,
            @Nullable String name,
            @Nullable Object filter,
            @Nullable Boolean shared) {}

    public record SegmentView(
            UUID id,
            String entity,
            String name,
            Object filter,
            boolean shared,
            UUID ownerId,
            long count,
            Instant createdAt,
            Instant updatedAt) {}

    @Transactional(readOnly = true)
    public List<SegmentView> list(@Nullable String entity) {
        return jdbc
                .sql("select * from segments where (shared or owner_id = ?)"
                        + " and (cast(? as text) is null or entity = ?) order by lower(name), id")
                .params(user(), entity, entity)
                .query((rs, n) -> row(rs))
                .list()
                .stream()
                .map(this::withCount)
                .toList();
    }

    @Transactional(readOnly = true)
    public SegmentView get(UUID id) {
        return withCount(find(id));
    }

    /** The filter of a segment the caller can see, checked to be one of {@code entity}'s (else 400/404). */
    @Transactional(readOnly = true)
    public Filter filterOf(UUID id, String entity) {
        var s = find(id);
        if (!s.entity().equals(entity)) {
            throw ApiProblem.invalid("segmentId", "is a segment of " + s.entity() + " records");
        }
        return Filter.parse(s.filter(), "filter");
    }

    @Transactional
    public SegmentView create(SegmentInput in) {
        var type = type(in.entity());
        String name = name(in.name());
        Filter filter = Filter.parse(in.filter(), "filter");
        type.check(filter);
        UUID id = Ids.newId();
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.sql("insert into segments (tenant_id, id, entity, name, filter, shared, owner_id, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")
                .params(
                        access.tenant(),
                        id,
                        type.entity(),
                        name,
                        json.writeValueAsString(in.filter() == null ? Map.of("and", List.of()) : in.filter()),
                        Boolean.TRUE.equals(in.shared()),
                        user(),
                        now,
                        now)
                .update();
        audit.record("segment.created", "segment", id, AuditLog.created(Map.of("name", name, "entity", type.entity())));
        return get(id);
    }

    @Transactional
    public SegmentView update(UUID id, SegmentInput in) {
        var before = mine(id);
        String name = in.name() == null ? before.name() : name(in.name());
        Object filter = in.filter() == null ? before.filter() : in.filter();
        type(before.entity()).check(Filter.parse(filter, "filter"));
        boolean shared = in.shared() == null ? before.shared() : in.shared();
        jdbc.sql("update segments set name = ?, filter = ?::jsonb, shared = ?, updated_at = ? where id = ?")
                .params(name, json.writeValueAsString(filter), shared, Timestamp.from(Instant.now(clock)), id)
                .update();
        var changes = new LinkedHashMap<String, Object>();
        changes.put("name", name);
        changes.put("shared", shared);
        audit.record(
                "segment.updated",
                "segment",
                id,
                AuditLog.diff(Map.of("name", before.name(), "shared", before.shared()), changes));
        return get(id);
    }

    @Transactional
    public void delete(UUID id) {
        var s = mine(id);
        jdbc.sql("delete from segments where id = ?").param(id).update();
        audit.record("segment.deleted", "segment", id, AuditLog.diff(Map.of("name", s.name()), Map.of()));
    }

    private SegmentView mine(UUID id) {
        var s = find(id);
        if (!s.ownerId().equals(user()) && !(s.shared() && access.seesAll())) {
            throw ApiProblem.forbidden("not_segment_owner", "Only who saved this segment (or an admin) may change it");
        }
        return s;
    }

    private SegmentView find(UUID id) {
        return jdbc.sql("select * from segments where id = ? and (shared or owner_id = ?)")
                .params(id, user())
                .query((rs, n) -> row(rs))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("segment"));
    }

    private SegmentView withCount(SegmentView s) {
        long count = type(s.entity()).count(Filter.parse(s.filter(), "filter"));
        return new SegmentView(
                s.id(), s.entity(), s.name(), s.filter(), s.shared(), s.ownerId(), count, s.createdAt(), s.updatedAt());
    }

    private SegmentView row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SegmentView(
                rs.getObject("id", UUID.class),
                rs.getString("entity"),
                rs.getString("name"),
                json.readValue(rs.getString("filter"), Object.class),
                rs.getBoolean("shared"),
                rs.getObject("owner_id", UUID.class),
                0,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private RecordType type(@Nullable String entity) {
        return types.stream()
                .filter(t -> t.entity().equals(entity))
                .findFirst()
                .orElseThrow(() -> ApiProblem.invalid("entity", "must be contact or company"));
    }

    private static String name(@Nullable String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw ApiProblem.invalid("name", "is required (at most 200 characters)");
        }
        return name.strip();
    }

    private static UUID user() {
        UUID user = Tenancy.current().userId();
        if (user == null) {
            throw ApiProblem.forbidden("no_user", "Segments belong to a signed-in member");
        }
        return user;
    }
}
