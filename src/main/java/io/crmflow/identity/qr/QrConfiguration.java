package io.crmflow.identity.qr;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Housekeeping for QR sign-in: a db-scheduler recurring task, so each hourly purge runs on one node only. */
@Configuration(proxyBeanMethods = false)
class QrConfiguration {

    @Bean
    RecurringTask<Void> qrSessionsPurgeTask(QrSignIn qr) {
        return Tasks.recurring("qr-sessions-purge", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> qr.purgeExpired());
    }
}
