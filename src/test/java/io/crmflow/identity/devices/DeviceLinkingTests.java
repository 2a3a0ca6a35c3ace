package io.crmflow.identity.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.support.Api;
import io.crmflow.support.IntegrationTest;
import io.crmflow.support.Sql;
import io.crmflow.support.Users;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A phone linked by a one-time code signs itself back in for 30 days, until unlinked or the password changes. */
@IntegrationTest
class DeviceLinkingTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    String linkPath(Api desktop) {
        var code = desktop.post("/api/v1/me/devices/link-codes", Map.of());
        assertThat(code.status()).isEqualTo(201);
        String url = code.json().get("url").asString();
        return url.substring(url.indexOf("/link/"));
    }

    Api linkedPhone(String path) {
        var phone = new Api(port);
        assertThat(phone.get(path).status()).isEqualTo(200);
        var linked = phone.postForm(path, Map.of("name", "Pixel"));
        assertThat(linked.status()).isEqualTo(302);
        assertThat(linked.raw().headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("CRMFLOW_DEVICE=").contains("HttpOnly", "Max-Age=2592000"));
        return phone;
    }

    @Test
    void aLinkedPhoneSignsItselfBackInUntilThePasswordChanges() {
        var desktop = new Api(port);
        String email = desktop.signUpFresh("Devices");
        var phone = linkedPhone(linkPath(desktop));
        assertThat(phone.get("/api/v1/me").json().at("/user/email").asString()).isEqualTo(email);

        phone.forgetCookie("CRMFLOW_SESSION");
        assertThat(phone.get("/api/v1/me").status()).isEqualTo(200); // signed back in by the device cookie
        var devices = desktop.get("/api/v1/me/devices").json().get("data");
        assertThat(devices.size()).isEqualTo(1);
        assertThat(devices.get(0).get("name").asString()).isEqualTo("Pixel");
        assertThat(desktop.get("/api/v1/me/sessions")
                        .json()
                        .get("data")
                        .valueStream()
                        .map(s -> s.get("method").asString()))
                .contains("device");

        var changed = desktop.post(
                "/api/v1/me/password",
                Map.of("currentPassword", Users.PASSWORD, "newPassword", "another long password"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
        phone.forgetCookie("CRMFLOW_SESSION");
        assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(desktop.get("/api/v1/me/devices").json().get("data").isEmpty())
                .isTrue();
    }

    @Test
    void unlinkingSignsThePhoneOut() {
        var desktop = new Api(port);
        desktop.signUpFresh("Unlink");
        var phone = linkedPhone(linkPath(desktop));
        String id = desktop.get("/api/v1/me/devices").json().at("/data/0/id").asString();
        assertThat(desktop.delete("/api/v1/me/devices/" + id).status()).isEqualTo(204);
        assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(new Api(port).delete("/api/v1/me/devices/" + id).status()).isEqualTo(401);
    }

    @Test
    void linkCodesWorkOnceAndExpire() {
        var desktop = new Api(port);
        desktop.signUpFresh("Codes");
        String path = linkPath(desktop);
        linkedPhone(path);
        var again = new Api(port).postForm(path, Map.of("name", "Second"));
        assertThat(again.status()).isEqualTo(409);

        String other = linkPath(desktop);
        Sql.asOwner(
                owner,
                c -> Sql.update(
                        c,
                        "update device_link_codes set expires_at = now() - interval '1 second' where used_at is null"));
        assertThat(new Api(port).get(other).status()).isEqualTo(410);
        assertThat(new Api(port).get("/link/not-a-code").status()).isEqualTo(404);
        var anotherUser = new Api(port);
        anotherUser.signUpFresh("Other");
        assertThat(anotherUser.get("/api/v1/me/devices").json().get("data").isEmpty())
                .isTrue();
    }
}
