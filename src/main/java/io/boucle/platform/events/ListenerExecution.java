package io.boucle.platform.events;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where asynchronous event listeners run: a fixed number of virtual threads behind a queue.
 * <p>
 * Handing over an event never waits. A listener is handed its event when the publishing
 * transaction completes, while that transaction still holds its pooled connection; an executor
 * that makes the publisher wait for a free listener (a concurrency throttle) lets busy publishers
 * hold every connection while the listeners they wait for need one: the pool starves until its
 * timeout. Queued events are also in the event publication registry, so a crash loses none: they
 * are delivered again on restart or by the stalled-event job.
 */
@Configuration(proxyBeanMethods = false)
class ListenerExecution {

    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(@Value("${boucle.events.listener-threads:6}") int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(Integer.MAX_VALUE);
        executor.setThreadFactory(Thread.ofVirtual().name("listener-", 0).factory());
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(20);
        return executor;
    }
}
