package io.crmflow.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With private targets not allowed (production): only https to public addresses. */
class UrlGuardTests {

    final UrlGuard guard = new UrlGuard(false);

    @Test
    void refusesPrivateLoopbackLinkLocalAndUniqueLocalTargets() {
        for (String url : new String[] {
            "https://127.0.0.1/hook",
            "https://localhost/hook",
            "https://10.1.2.3/",
            "https://172.16.0.1/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/",
            "https://0.0.0.0/",
            "https://[::1]/",
            "https://[fe80::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:10.0.0.1]/"
        }) {
            assertThat(guard.refusal(url)).as(url).isNotNull();
        }
    }

    @Test
    void refusesPlainHttpAndNonUrls() {
        assertThat(guard.refusal("http://93.184.215.14/")).contains("https");
        assertThat(guard.refusal("ftp://93.184.215.14/")).contains("https");
        assertThat(guard.refusal("not a url")).isNotNull();
        assertThat(guard.refusal("https://user:pw@93.184.215.14/")).isNotNull();
        assertThat(guard.refusal(null)).isNotNull();
    }

    @Test
    void acceptsHttpsToAPublicAddress() {
        assertThat(guard.refusal("https://93.184.215.14/hook")).isNull();
        assertThat(guard.refusal("https://[2606:4700::1111]/hook")).isNull();
    }

    @Test
    void allowsPrivateTargetsAndHttpOnlyWhenTold() {
        var permissive = new UrlGuard(true);
        assertThat(permissive.refusal("http://127.0.0.1:8080/hook")).isNull();
        assertThat(permissive.refusal("ftp://127.0.0.1/")).isNotNull();
    }
}
