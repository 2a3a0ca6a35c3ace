package io.crmflow.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells, on a start with no workspace yet, how to create the first one. */
@Component
class FirstRunHint {

    private static final Logger log = LoggerFactory.getLogger(FirstRunHint.class);

    private final JdbcClient jdbc;
    private final String baseUrl;

    FirstRunHint(JdbcClient jdbc, @Value("${crmflow.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void hintWhenEmpty() {
        boolean empty = !jdbc.sql("select exists (select 1 from workspaces)")
                .query(Boolean.class)
                .single();
        if (empty) {
            log.info(
                    "CRMFlow is ready and has no workspace yet. Create the first one at {}/signup "
                            + "(or POST {}/api/v1/auth/signup with email, password, name, workspaceName).",
                    baseUrl,
                    baseUrl);
        } else {
            log.info("CRMFlow is ready at {}", baseUrl);
        }
    }
}
