package io.boucle.fulfilment;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery deadline watch: orders past their promised date are flagged, their customers told once; and
 * the refund watch of cancellations for late delivery: a refund not made 14 days after is a staff alert.
 */
@Configuration(proxyBeanMethods = false)
class FulfilmentJobs {

    @Bean
    RecurringTask<Void> flagLateDeliveries(Fulfilment fulfilment) {
        return Tasks.recurring("flag-late-deliveries", FixedDelay.of(Duration.ofMinutes(30)))
                .execute((instance, context) -> {
                    while (fulfilment.flagLate(100) == 100) {
                        // more are due: keep going
                    }
                });
    }

    @Bean
    RecurringTask<Void> watchLateCancellationRefunds(Fulfilment fulfilment) {
        return Tasks.recurring("watch-late-cancellation-refunds", FixedDelay.of(Duration.ofMinutes(15)))
                .execute((instance, context) -> fulfilment.watchLateCancellationRefunds(500));
    }
}
