package io.crmflow.platform.jobs;

import java.time.Clock;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Background jobs run on db-scheduler (table {@code scheduled_tasks}, on the app's runtime pool): a recurring task
 * runs on one node per execution, and modules declare their tasks as beans.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /** db-scheduler reads time from the app's one clock (its own bean would also be named "clock"). */
    @Bean
    com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
        return () -> Instant.now(clock);
    }
}
