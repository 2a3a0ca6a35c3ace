package io.crmflow.records;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The members a record is shared with (it matters when the workspace keeps records private). Only the record's
 * owner or an OWNER/ADMIN shares or unshares; the caller has checked the record is visible.
 */
@Component
public class RecordShares {

    /** A member the record is shared with. */
    public record Share(UUID userId, String name, String email) {}

    private final JdbcClient jdbc;
    private final RecordAccess access;
    private final AuditLog audit;

    RecordShares(JdbcClient jdbc, RecordAccess access, AuditLog audit) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
    }

    public List<Share> list(String entity, UUID record) {
        return jdbc.sql("select s.user_id, u.name, u.email from " + table(entity)
                        + " s join users u on u.id = s.user_id" + " where s." + column(entity)
                        + " = ? order by lower(u.name)")
                .param(record)
                .query((rs, n) ->
                        new Share(rs.getObject("user_id", UUID.class), rs.getString("name"), rs.getString("email")))
                .list();
    }

    public void add(String entity, UUID record, @Nullable UUID recordOwner, @Nullable UUID user) {
        mayShare(recordOwner);
        if (user == null || !access.isMember(user)) {
            throw ApiProblem.invalid("userId", "is not a member of this workspace");
        }
        jdbc.sql("insert into " + table(entity) + " (tenant_id, " + column(entity) + ", user_id) values (?, ?, ?)"
                        + " on conflict do nothing")
                .params(access.tenant(), record, user)
                .update();
        audit.record(entity + ".shared", entity, record, Map.of("sharedWith", new AuditLog.Change(null, user)));
    }

    public void remove(String entity, UUID record, @Nullable UUID recordOwner, UUID user) {
        mayShare(recordOwner);
        int removed = jdbc.sql("delete from " + table(entity) + " where " + column(entity) + " = ? and user_id = ?")
                .params(record, user)
                .update();
        if (removed == 0) {
            throw ApiProblem.notFound("share");
        }
        audit.record(entity + ".unshared", entity, record, Map.of("sharedWith", new AuditLog.Change(user, null)));
    }

    private void mayShare(@Nullable UUID recordOwner) {
        UUID me = Tenancy.current().userId();
        if (!access.seesAll() && (me == null || !me.equals(recordOwner))) {
            throw ApiProblem.forbidden("not_record_owner", "Only the record's owner or an admin may share it");
        }
    }

    private static String table(String entity) {
        return switch (entity) {
            case "contact" -> "contact_shares";
            case "company" -> "company_shares";
            default -> throw new IllegalArgumentException(entity);
        };
    }

    private static String column(String entity) {
        return entity + "_id";
    }
}
