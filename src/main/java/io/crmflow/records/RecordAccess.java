package io.crmflow.records;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.platform.web.ApiProblem;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may see which records. By default the whole workspace sees every record; with the workspace's
 * {@code record_visibility = 'private'} a MEMBER or VIEWER sees only records they own or that are shared with
 * them, while OWNERs, ADMINs and jobs see all. Enforced in every query as a condition, not only in the UI.
 */
@Component
public class RecordAccess {

    private static final Set<String> SEE_ALL = Set.of("ROLE_OWNER", "ROLE_ADMIN");

    private final JdbcClient jdbc;

    RecordAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID tenant() {
        return Tenancy.currentTenant()
                .orElseThrow(() -> ApiProblem.forbidden("no_workspace", "Choose a workspace first"));
    }

    /** The condition for lists and lookups; {@code sharesTable}/{@code idColumn} e.g. contact_shares/contact_id. */
    public Visibility visibility(String sharesTable, String idColumn) {
        UUID user = Tenancy.current().userId();
        if (user == null || seesAll()) {
            return Visibility.ALL;
        }
        return new Visibility(
                "((select w.record_visibility from workspaces w where w.id = ?) = 'workspace' or r.owner_id = ?"
                        + " or exists (select 1 from " + sharesTable + " s where s.tenant_id = r.tenant_id and s."
                        + idColumn + " = r.id and s.user_id = ?))",
                List.of(tenant(), user, user));
    }

    /** Whether the caller may see one record: always in an open workspace, else as its owner or a share. */
    public boolean canSee(String sharesTable, String idColumn, UUID id, @Nullable UUID owner) {
        if (seesAll() || "workspace".equals(workspaceVisibility())) {
            return true;
        }
        UUID user = Tenancy.current().userId();
        return user != null
                && (user.equals(owner)
                        || jdbc.sql("select exists (select 1 from " + sharesTable + " where " + idColumn
                                        + " = ? and user_id = ?)")
                                .params(id, user)
                                .query(Boolean.class)
                                .single());
    }

    /** Whether the caller's role sees every record whatever the workspace setting (OWNER, ADMIN, or no user). */
    public boolean seesAll() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return true;
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(SEE_ALL::contains);
    }

    /** Whether the signed-in caller may change records (OWNER, ADMIN, MEMBER; never a VIEWER): pages hide writes. */
    public static boolean callerCanWrite() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(a -> a.equals("ROLE_OWNER") || a.equals("ROLE_ADMIN") || a.equals("ROLE_MEMBER"));
    }

    /** Whether {@code user} is a member of the current workspace (owners and shares must be). */
    public boolean isMember(UUID user) {
        return jdbc.sql("select exists (select 1 from memberships where tenant_id = ? and user_id = ?)")
                .params(tenant(), user)
                .query(Boolean.class)
                .single();
    }

    public String workspaceVisibility() {
        return jdbc.sql("select record_visibility from workspaces where id = ?")
                .param(tenant())
                .query(String.class)
                .single();
    }

    /** Sets the workspace's record visibility ({@code workspace} or {@code private}); managers only (web layer). */
    public void setWorkspaceVisibility(String visibility) {
        if (!List.of("workspace", "private").contains(visibility)) {
            throw ApiProblem.invalid("recordVisibility", "must be workspace or private");
        }
        jdbc.sql("update workspaces set record_visibility = ? where id = ?")
                .params(visibility, tenant())
                .update();
    }
}
