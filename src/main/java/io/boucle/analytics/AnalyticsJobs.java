package io.boucle.analytics;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard's rollups follow the events and sales within a minute. */
@Configuration(proxyBeanMethods = false)
class AnalyticsJobs {

    @Bean
    RecurringTask<Void> refreshAnalyticsRollups(Rollups rollups) {
        return Tasks.recurring("refresh-analytics-rollups", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> rollups.refresh());
    }
}
