package io.crmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Users;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The server-rendered pages answer, carry their test ids, and htmx gets fragments. */
@IntegrationTest
class PagesTests {

    @LocalServerPort
    int port;

    @Test
    void signedInPagesRender() {
        var api = new Api(port);
        api.signUpFresh("Pages");
        assertThat(api.get("/").raw().body()).contains("data-testid=\"dashboard\"", "data-testid=\"nav-members\"");
        assertThat(api.get("/members").raw().body()).contains("data-testid=\"invite-email\"");
        assertThat(api.get("/profile").raw().body()).contains("data-testid=\"profile-timezone\"");
        var audit = api.get("/settings/audit");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.raw().body()).contains("workspace.created", "<html");
    }

    @Test
    void htmxFiltersTheAuditLogWithAFragment() {
        var api = new Api(port);
        api.signUpFresh("Fragments");
        var fragment = api.send(api.request("/settings/audit?action=workspace.created")
                .header("HX-Request", "true")
                .GET());
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.raw().body())
                .doesNotContain("<html")
                .contains("workspace.created")
                .doesNotContain("user.signed_up");
    }

    @Test
    void signInPageCarriesItsTestIdsAndPagesAnswerFriendlyErrors() {
        var api = new Api(port);
        assertThat(api.get("/signin").raw().body())
                .contains(
                        "data-testid=\"signin-email\"",
                        "data-testid=\"signin-password\"",
                        "data-testid=\"signin-submit\"");
        api.signUpFresh("Errors");
        var missing = api.send(
                api.request("/no-such-page").header("Accept", "text/html").GET());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw().body()).contains("404", "Request id");
    }

    @Test
    void aViewerSeesNoAdminPagesAndCannotManageMembersThroughForms() {
        var owner = new Api(port);
        owner.signUpFresh("Viewer pages");
        String email = "viewer-" + UUID.randomUUID() + "@example.com";
        var invitation = owner.post("/api/v1/invitations", Map.of("email", email, "role", "VIEWER"))
                .json();
        var viewer = new Api(port);
        viewer.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", Users.PASSWORD, "name", "V", "workspaceName", "V"));
        viewer.post(
                "/api/v1/invitations/accept",
                Map.of("token", invitation.get("token").asString()));

        assertThat(viewer.send(viewer.request("/settings/audit")
                                .header("Accept", "text/html")
                                .GET())
                        .status())
                .isEqualTo(403);
        assertThat(viewer.get("/").raw().body()).doesNotContain("data-testid=\"nav-audit\"");
        assertThat(viewer.get("/members").raw().body()).doesNotContain("data-testid=\"invite-email\"");
        var form = viewer.send(viewer.request("/members/invite")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", viewer.cookie("XSRF-TOKEN"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=x%40example.com&role=OWNER")));
        assertThat(form.status()).isEqualTo(302);
        assertThat(owner.get("/api/v1/invitations").json().get("data").size())
                .isZero(); // the accepted one is not pending
    }
}
