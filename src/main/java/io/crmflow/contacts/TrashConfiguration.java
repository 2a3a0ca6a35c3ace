package io.crmflow.contacts;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily trash purge as a db-scheduler recurring task: one node runs each occurrence. */
@Configuration(proxyBeanMethods = false)
class TrashConfiguration {

    @Bean
    RecurringTask<Void> trashPurgeTask(TrashPurge purge, @Value("${crmflow.trash.purge-cron}") String cron) {
        return Tasks.recurring("trash-purge", Schedules.cron(cron)).execute((instance, context) -> purge.run());
    }
}
