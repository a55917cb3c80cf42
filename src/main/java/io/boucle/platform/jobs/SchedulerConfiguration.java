package io.boucle.platform.jobs;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler on the application's PostgreSQL: every node polls the same table and each due
 * execution is picked by exactly one of them, so delayed work (retries, reminders, deadlines) and
 * recurring work run once per cluster and survive restarts. Modules contribute {@link Task} beans.
 * <p>
 * A node running an execution updates its heartbeat every {@code boucle.jobs.heartbeat-interval}; an
 * execution whose heartbeat is {@code boucle.jobs.missed-heartbeats} intervals old belonged to a node
 * that died (killed, or cut off from the database), and another node takes it over. db-scheduler's
 * defaults (5 minutes, 6 missed) would leave a recurring job of a killed node, such as payment
 * recovery, stuck for half an hour.
 * <p>
 * {@code boucle.jobs.enabled=false} (on by default) builds the scheduler but never starts it: the node runs
 * no job, due or recurring, and writes nothing to the jobs table; the {@code verify-invoice-chain} command
 * starts so.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks,
            @Value("${boucle.jobs.threads}") int threads,
            @Value("${boucle.jobs.polling-interval}") Duration pollingInterval,
            @Value("${boucle.jobs.heartbeat-interval}") Duration heartbeatInterval,
            @Value("${boucle.jobs.missed-heartbeats}") int missedHeartbeats) {
        List<Task<?>> oneTime = tasks.stream().filter(task -> !(task instanceof RecurringTask<?>)).toList();
        List<RecurringTask<?>> recurring = tasks.stream()
                .filter(task -> task instanceof RecurringTask<?>).<RecurringTask<?>>map(task -> (RecurringTask<?>) task).toList();
        return Scheduler.create(dataSource, oneTime)
                .tableName("platform.scheduled_tasks")
                .startTasks(recurring)
                .threads(threads)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(heartbeatInterval)
                .missedHeartbeatsLimit(missedHeartbeats)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(20))
                .build();
    }

    /**
     * Starts polling once the application is ready and stops it before the pool closes; with
     * {@code boucle.jobs.enabled=false}, never started.
     */
    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler, @Value("${boucle.jobs.enabled:true}") boolean enabled) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public boolean isAutoStartup() {
                return enabled;
            }

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
