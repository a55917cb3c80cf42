package io.boucle.payment;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Attempts left processing (the shop stopped during a provider's call) get the provider's answer;
 * refunds left pending (the provider did not answer) are asked for again under their own key.
 */
@Configuration(proxyBeanMethods = false)
class PaymentJobs {

    static final int BATCH = 200;

    @Bean
    RecurringTask<Void> recoverProcessingPayments(Payments payments) {
        return Tasks.recurring("recover-processing-payments", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> payments.recoverProcessing(BATCH));
    }

    @Bean
    RecurringTask<Void> retryPendingRefunds(Payments payments) {
        return Tasks.recurring("retry-pending-refunds", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> payments.retryPendingRefunds(BATCH));
    }
}
