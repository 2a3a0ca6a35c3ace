package io.crmflow.platform.jobs;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Background jobs run on db-scheduler (table {@code scheduled_tasks}, on the app's runtime pool). Each execution is
 * picked by exactly one node (an optimistic-locked update of its row), so a job or a recurring task's run happens
 * once however many nodes poll. Modules declare recurring tasks as {@code RecurringTask} beans (see
 * {@code EmailConfiguration}) and workspace work as {@link JobHandler} beans run through {@link Jobs}.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /** db-scheduler reads time from the app's one clock (its own bean would also be named "clock"). */
    @Bean
    com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
        return () -> Instant.now(clock);
    }

    /** The one task that runs every {@link Jobs} job; retries back off exponentially from crmflow.jobs.retry-delay. */
    @Bean
    OneTimeTask<String> jobTask(JobRunner runner) {
        return Tasks.oneTime(JobRunner.TASK_NAME, String.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(runner.retryDelay(), 2.0))
                .execute((instance, context) -> runner.run(instance.getId(), instance.getData()));
    }

    /** Forgets ended jobs and runs older than the history's retention, in every workspace, once a day. */
    @Bean
    RecurringTask<Void> jobHistoryPurgeTask(JobHistoryPurge purge, @Value("${crmflow.jobs.purge-cron}") String cron) {
        return Tasks.recurring("job-history-purge", Schedules.cron(cron)).execute((instance, context) -> purge.run());
    }
}
