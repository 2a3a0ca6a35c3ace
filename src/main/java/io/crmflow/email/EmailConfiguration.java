package io.crmflow.email;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox job: db-scheduler runs it on one node at a time, every {@code crmflow.mail.send-interval}. */
@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

    @Bean
    RecurringTask<Void> emailOutboxTask(
            OutboxSender sender, @Value("${crmflow.mail.send-interval}") Duration interval) {
        return Tasks.recurring("email-outbox", Schedules.fixedDelay(interval))
                .execute((instance, context) -> sender.drain());
    }
}
