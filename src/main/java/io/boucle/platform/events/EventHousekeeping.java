package io.boucle.platform.events;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Keeps the outbox healthy on every node, once per cluster: events whose listener failed (or whose
 * broker was down) are delivered again, and long-completed publications are removed.
 * <p>
 * Delivery is at least once: a publication still incomplete after {@code boucle.events.redeliver-after}
 * is submitted again, even if a busy node still has it queued. Every listener is therefore
 * idempotent (a message sent once per key, a timeline entry once per instant, a status moved only
 * from the status it expects).
 */
@Configuration(proxyBeanMethods = false)
class EventHousekeeping {

    @Bean
    RecurringTask<Void> redeliverStalledEvents(IncompleteEventPublications incomplete,
            @Value("${boucle.events.redeliver-after}") Duration redeliverAfter) {
        return Tasks.recurring("redeliver-stalled-events", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> incomplete.resubmitIncompletePublicationsOlderThan(redeliverAfter));
    }

    @Bean
    RecurringTask<Void> purgeCompletedEvents(CompletedEventPublications completed,
            @Value("${boucle.events.keep-completed}") Duration keep) {
        return Tasks.recurring("purge-completed-events", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> completed.deletePublicationsOlderThan(keep));
    }
}
