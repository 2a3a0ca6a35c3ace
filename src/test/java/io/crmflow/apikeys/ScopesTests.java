package io.crmflow.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.platform.web.ApiProblem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTests {

    @Test
    void readAllowsEveryGetButNoChange() {
        assertThat(Scopes.allow(Set.of("read"), "GET", "/api/v1/members")).isTrue();
        assertThat(Scopes.allow(Set.of("read"), "GET", "/api/v1/contacts/1")).isTrue();
        assertThat(Scopes.allow(Set.of("read"), "PATCH", "/api/v1/members/1")).isFalse();
        assertThat(Scopes.allow(Set.of("read"), "POST", "/api/v1/contacts")).isFalse();
    }

    @Test
    void writeChangesWorkspaceDataButManagesNothing() {
        assertThat(Scopes.allow(Set.of("write"), "POST", "/api/v1/contacts")).isTrue();
        assertThat(Scopes.allow(Set.of("write"), "DELETE", "/api/v1/deals/1")).isTrue();
        assertThat(Scopes.allow(Set.of("write"), "GET", "/api/v1/contacts")).isFalse();
        assertThat(Scopes.allow(Set.of("write"), "POST", "/api/v1/invitations")).isFalse();
        assertThat(Scopes.allow(Set.of("write"), "POST", "/api/v1/api-keys")).isFalse();
        assertThat(Scopes.allow(Set.of("write"), "PATCH", "/api/v1/workspace")).isFalse();
        assertThat(Scopes.allow(Set.of("write"), "POST", "/api/v1/admin/outbox/1/retry"))
                .isFalse();
    }

    @Test
    void resourceScopesAllowJustTheirResource() {
        assertThat(Scopes.allow(Set.of("members:read"), "GET", "/api/v1/members"))
                .isTrue();
        assertThat(Scopes.allow(Set.of("members:read"), "GET", "/api/v1/audit-events"))
                .isFalse();
        assertThat(Scopes.allow(Set.of("audit:read"), "GET", "/api/v1/audit-events"))
                .isTrue();
        assertThat(Scopes.allow(Set.of("members:write"), "PATCH", "/api/v1/members/1"))
                .isTrue();
        assertThat(Scopes.allow(Set.of("outbox:read"), "GET", "/api/v1/admin/outbox"))
                .isTrue();
        assertThat(Scopes.allow(Set.of("contacts:write"), "POST", "/api/v1/companies"))
                .isFalse();
    }

    @Test
    void noScopeReachesPersonalEndpoints() {
        var all = Set.of("read", "write", "admin", "members:read");
        for (String path : List.of(
                "/api/v1/me",
                "/api/v1/me/sessions",
                "/api/v1/me/two-factor",
                "/api/v1/auth/signout",
                "/api/v1/auth/qr-sessions",
                "/api/v1/workspaces",
                "/api/v1/invitations/accept",
                "/api/v2/members",
                "/api")) {
            assertThat(Scopes.allow(all, "GET", path)).as(path).isFalse();
            assertThat(Scopes.allow(all, "POST", path)).as(path).isFalse();
        }
        assertThat(Scopes.allow(Set.of("admin"), "POST", "/api/v1/api-keys")).isTrue();
    }

    @Test
    void unknownOrImpossibleScopesAreRefused() {
        assertThat(Scopes.validate(List.of("READ", "members:read", "read"))).containsExactly("read", "members:read");
        for (String bad : List.of("root", "api-keys:write", "audit:write", "me:read", "contacts:delete", "")) {
            assertThatThrownBy(() -> Scopes.validate(List.of(bad))).as(bad).isInstanceOf(ApiProblem.class);
        }
        assertThatThrownBy(() -> Scopes.validate(List.of())).isInstanceOf(ApiProblem.class);
    }

    @Test
    void secretsAreCrmAnd43Base62Characters() {
        String secret = ApiKeySecrets.newSecret();
        assertThat(secret).matches("crm_[0-9A-Za-z]{43}");
        assertThat(ApiKeySecrets.wellFormed(secret)).isTrue();
        assertThat(ApiKeySecrets.newSecret()).isNotEqualTo(secret);
        assertThat(ApiKeySecrets.displayPrefix(secret)).isEqualTo(secret.substring(4, 12));
    }
}
