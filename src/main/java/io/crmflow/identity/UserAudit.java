package io.crmflow.identity;

import io.crmflow.platform.audit.AuditLog;
import io.crmflow.platform.tenancy.Tenancy;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Audits an account event (failed sign-in, password reset, recovery code) in every workspace of the user, each in
 * its own transaction with that workspace as tenant, so every workspace's admins see what happened to their member.
 */
@Component
class UserAudit {

    private final Workspaces workspaces;
    private final AuditLog audit;

    UserAudit(Workspaces workspaces, AuditLog audit) {
        this.workspaces = workspaces;
        this.audit = audit;
    }

    void inEveryWorkspace(UUID userId, String action, Map<String, AuditLog.Change> changes) {
        for (var membership : Tenancy.callAs(null, userId, () -> workspaces.of(userId))) {
            Tenancy.runAs(membership.id(), userId, () -> audit.recordBy(userId, action, "user", userId, changes));
        }
    }
}
