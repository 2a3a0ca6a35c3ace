package io.crmflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** CRMFlow: a multi-tenant CRM whose tenant isolation is enforced by PostgreSQL row level security. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmFlowApplication.class, args);
    }
}
