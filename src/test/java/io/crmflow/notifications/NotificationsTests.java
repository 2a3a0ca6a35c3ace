package io.crmflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.platform.tenancy.Tenancy;
import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.MailServer;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A QR sign-in tells the phone's user, in the app and by mail; notifications are seen and marked read by their
 * recipient alone: a teammate in the same workspace and a user of another workspace get nothing and 404.
 */
@IntegrationTest
class NotificationsTests {

    static final String DESKTOP_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final Pattern BADGE = Pattern.compile("<span[^>]*data-testid=\"notifications-badge\"[^>]*>([^<]*)</span>");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Autowired
    Notifications notifications;

    Api phone;
    String phoneEmail;
    UUID phoneId;
    UUID workspace;
    Api teammate;
    Api outsider;

    @BeforeEach
    void aWorkspaceWithTwoMembersAndAnotherWorkspace() {
        phone = new Api(port);
        phoneEmail = phone.signUpFresh("Notified");
        var me = phone.get("/api/v1/me").json();
        phoneId = UUID.fromString(me.at("/user/id").asString());
        workspace = UUID.fromString(me.at("/workspace/id").asString());

        String teammateEmail = "teammate-" + UUID.randomUUID() + "@example.com";
        String token = phone.post("/api/v1/invitations", Map.of("email", teammateEmail, "role", "VIEWER"))
                .json()
                .get("token")
                .asString();
        teammate = new Api(port);
        teammate.post(
                "/api/v1/auth/signup",
                Map.of("email", teammateEmail, "password", Users.PASSWORD, "name", "Teammate", "workspaceName", "T"));
        assertThat(teammate.post("/api/v1/invitations/accept", Map.of("token", token))
                        .status())
                .isEqualTo(200);

        outsider = new Api(port);
        outsider.signUpFresh("Elsewhere");
    }

    @Test
    void aQrSignInNotifiesThePhoneUserInTheAppAndByMail() {
        String ip = signInDesktopWithQr();

        JsonNode list = phone.get("/api/v1/notifications").json();
        assertThat(list.get("data").size()).isEqualTo(1);
        assertThat(list.get("nextCursor").isNull()).isTrue();
        JsonNode notification = list.get("data").get(0);
        assertThat(notification.get("kind").asString()).isEqualTo("auth.signed_in_qr");
        assertThat(notification.get("title").asString()).isEqualTo("New sign-in with QR code");
        assertThat(notification.get("body").asString()).contains("Firefox on Windows", ip, "Active sessions");
        assertThat(notification.get("link").asString()).isEqualTo("/profile");
        assertThat(notification.get("readAt").isNull()).isTrue();
        assertThat(phone.get("/api/v1/notifications/unread-count")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(badgeOf(phone.get("/").raw().body())).isEqualTo("1");
        String page = phone.get("/notifications").raw().body();
        assertThat(page.split("data-testid=\"notification\"", -1)).hasSize(2);
        assertThat(page).contains("data-testid=\"notifications-mark-all\"", "Firefox on Windows");

        var mail = MailServer.await(phoneEmail, "New sign-in");
        assertThat(mail.text()).contains("Firefox on Windows", ip, "Profile → Active sessions", "/profile");
        assertThat(mail.html()).contains("Firefox", "Windows", ip, "/profile");
        assertThat(MailServer.find(phoneEmail, "New sign-in")).hasSize(1);

        String id = notification.get("id").asString();
        assertThat(phone.post("/api/v1/notifications/" + id + "/read", Map.of()).status())
                .isEqualTo(204);
        assertThat(phone.post("/api/v1/notifications/" + id + "/read", Map.of()).status())
                .isEqualTo(204);
        assertThat(phone.get("/api/v1/notifications/unread-count")
                        .json()
                        .get("count")
                        .asLong())
                .isZero();
        assertThat(phone.get("/api/v1/notifications")
                        .json()
                        .at("/data/0/readAt")
                        .isNull())
                .isFalse();
        assertThat(phone.get("/").raw().body())
                .containsPattern("<span[^>]*data-testid=\"notifications-badge\"[^>]*hidden");
    }

    @Test
    void nobodyElseSeesOrMarksAnotherUsersNotification() {
        signInDesktopWithQr();
        String id = phone.get("/api/v1/notifications").json().at("/data/0/id").asString();

        for (Api other : new Api[] {teammate, outsider}) {
            assertThat(other.get("/api/v1/notifications").json().get("data").isEmpty())
                    .isTrue();
            assertThat(other.get("/api/v1/notifications/unread-count")
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
            var marked = other.post("/api/v1/notifications/" + id + "/read", Map.of());
            assertThat(marked.status()).isEqualTo(404);
            assertThat(marked.json().get("code").asString()).isEqualTo("not_found");
            assertThat(other.post("/api/v1/notifications/read-all", Map.of())
                            .json()
                            .get("marked")
                            .asInt())
                    .isZero();
            assertThat(other.get("/notifications").raw().body()).doesNotContain("data-testid=\"notification\"");
            assertThat(other.get("/").raw().body())
                    .containsPattern("<span[^>]*data-testid=\"notifications-badge\"[^>]*hidden");
        }
        assertThat(phone.get("/api/v1/notifications/unread-count")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(phone.post("/api/v1/notifications/" + UUID.randomUUID() + "/read", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void listsNewestFirstByKeysetAndMarksAllReadInTheCurrentWorkspaceOnly() {
        UUID second = UUID.fromString(phone.post("/api/v1/workspaces", Map.of("name", "Second"))
                .json()
                .get("id")
                .asString());
        for (int i = 1; i <= 3; i++) {
            int n = i;
            Tenancy.runAs(workspace, phoneId, () -> notifications.notify(phoneId, "test", "Note " + n, "Body", null));
        }
        Tenancy.runAs(second, phoneId, () -> notifications.notify(phoneId, "test", "Elsewhere", "Body", "/"));

        var first = phone.get("/api/v1/notifications?limit=2").json();
        assertThat(first.get("data").valueStream().map(n -> n.get("title").asString()))
                .containsExactly("Note 3", "Note 2");
        var rest = phone.get("/api/v1/notifications?limit=2&cursor="
                        + first.get("nextCursor").asString())
                .json();
        assertThat(rest.get("data").valueStream().map(n -> n.get("title").asString()))
                .containsExactly("Note 1");
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(phone.get("/api/v1/notifications?limit=0").status()).isEqualTo(400);

        assertThat(phone.post("/api/v1/notifications/read-all", Map.of())
                        .json()
                        .get("marked")
                        .asInt())
                .isEqualTo(3);
        assertThat(phone.get("/api/v1/notifications/unread-count")
                        .json()
                        .get("count")
                        .asLong())
                .isZero();
        phone.put("/api/v1/me/workspace", Map.of("workspaceId", second.toString()));
        assertThat(phone.get("/api/v1/notifications/unread-count")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(badgeOf(phone.get("/notifications/badge").raw().body())).isEqualTo("1");
        assertThat(phone.postForm("/notifications/read-all", Map.of()).status()).isEqualTo(302);
        assertThat(phone.get("/api/v1/notifications/unread-count")
                        .json()
                        .get("count")
                        .asLong())
                .isZero();
    }

    /** The minimal QR handshake (see QrSignInApiTests) from a Firefox desktop; returns the IP the server saw. */
    String signInDesktopWithQr() {
        var desktop = new Api(port);
        String csrf = desktop.get("/api/v1/auth/csrf").json().get("token").asString();
        var created = desktop.send(desktop.request("/api/v1/auth/qr-sessions")
                        .header("User-Agent", DESKTOP_AGENT)
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")))
                .json();
        String id = created.get("id").asString();
        String url = created.get("qrUrl").asString();
        String token = url.substring(url.lastIndexOf('/') + 1);
        String ip = phone.post("/api/v1/auth/qr-sessions/" + token + "/scan", Map.of())
                .json()
                .get("ip")
                .asString();
        int match = Sql.asOwner(owner, c -> {
            var statement = c.prepareStatement("select match_number from qr_sessions where id = ?::uuid");
            statement.setString(1, id);
            var result = statement.executeQuery();
            result.next();
            return result.getInt(1);
        });
        assertThat(phone.post("/api/v1/auth/qr-sessions/" + token + "/approve", Map.of("choice", match))
                        .status())
                .isEqualTo(200);
        assertThat(desktop.post("/api/v1/auth/qr-sessions/" + id + "/complete", Map.of())
                        .status())
                .isEqualTo(200);
        return ip;
    }

    static String badgeOf(String html) {
        var matcher = BADGE.matcher(html);
        assertThat(matcher.find()).as("badge in page").isTrue();
        assertThat(matcher.group(0)).doesNotContain("hidden");
        return matcher.group(1).strip();
    }
}
