package io.boucle.order;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Orders left unpaid past their payment window are cancelled, which gives their stock back. */
@Configuration(proxyBeanMethods = false)
class OrderJobs {

    @Bean
    RecurringTask<Void> cancelUnpaidOrders(Orders orders) {
        return Tasks.recurring("cancel-unpaid-orders", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    while (orders.cancelUnpaid(100) == 100) {
                        // more are due: keep going
                    }
                });
    }
}
