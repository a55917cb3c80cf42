package io.boucle.inventory;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Units of paid orders left on busy stock rows are taken off them every few seconds (see
 * {@link Inventory#consume}); units sold online are taken from the locations they leave, shortly after.
 */
@Configuration(proxyBeanMethods = false)
class InventoryJobs {

    static final int BATCH = 100;

    @Bean
    RecurringTask<Void> allocateSales(Inventory inventory) {
        return Tasks.recurring("allocate-sales", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> {
                    while (inventory.allocateSales(BATCH) == BATCH) {
                        // more are waiting: keep going
                    }
                });
    }

    @Bean
    RecurringTask<Void> foldSoldStock(Inventory inventory) {
        return Tasks.recurring("fold-sold-stock", FixedDelay.of(Duration.ofSeconds(10)))
                .execute((instance, context) -> inventory.foldSold());
    }
}
