package io.boucle.returns;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Refunds due and not made in time raise a staff alert; owed credit notes are tried again. */
@Configuration(proxyBeanMethods = false)
class ReturnJobs {

    @Bean
    RecurringTask<Void> watchRefundDeadlines(Returns returns) {
        return Tasks.recurring("watch-refund-deadlines", FixedDelay.of(Duration.ofMinutes(15)))
                .execute((instance, context) -> returns.watchDeadlines());
    }
}
