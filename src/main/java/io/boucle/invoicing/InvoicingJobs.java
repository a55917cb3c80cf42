package io.boucle.invoicing;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Owed invoices are tried again when due (see {@link OwedInvoices}), once across the cluster. */
@Configuration(proxyBeanMethods = false)
class InvoicingJobs {

    @Bean
    RecurringTask<Void> issueOwedInvoices(OrderInvoicer invoicer) {
        return Tasks.recurring("issue-owed-invoices", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    while (invoicer.settleOwed(100) == 100) {
                        // more are due: keep going
                    }
                });
    }
}
