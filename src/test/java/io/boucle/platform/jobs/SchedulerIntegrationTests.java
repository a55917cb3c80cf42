package io.boucle.platform.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.boucle.test.IntegrationTest;
import io.boucle.test.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class SchedulerIntegrationTests {

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    OneTimeTask<String> jobProbe;

    @Autowired
    JdbcClient jdbc;

    @Test
    void scheduledWorkIsStoredInPostgresRunsOnceAndIsRemoved() {
        String id = UUID.randomUUID().toString();
        scheduler.scheduleIfNotExists(jobProbe.instance(id, id), Instant.now());
        scheduler.scheduleIfNotExists(jobProbe.instance(id, id), Instant.now());

        await().atMost(Duration.ofSeconds(20)).until(() -> TestInfrastructure.JOB_PROBE_RUNS.contains(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM platform.scheduled_tasks WHERE task_name = 'job-probe' AND task_instance = :id")
                .param("id", id).query(Long.class).single() == 0);
        assertThat(TestInfrastructure.JOB_PROBE_RUNS.stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void anExecutionLeftRunningByANodeThatDiedIsTakenOverAndRuns() {
        String id = UUID.randomUUID().toString();
        scheduler.scheduleIfNotExists(jobProbe.instance(id, id), Instant.now().plus(Duration.ofDays(1)));
        // As a node killed while running it leaves it: picked, its heartbeat long stopped.
        assertThat(jdbc.sql("""
                        UPDATE platform.scheduled_tasks SET picked = TRUE, picked_by = 'killed-node',
                            execution_time = now() - interval '1 hour', last_heartbeat = now() - interval '1 hour'
                        WHERE task_name = 'job-probe' AND task_instance = :id""")
                .param("id", id).update()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> TestInfrastructure.JOB_PROBE_RUNS.contains(id));
        assertThat(TestInfrastructure.JOB_PROBE_RUNS.stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void recurringHousekeepingIsRegisteredOncePerCluster() {
        assertThat(jdbc.sql("SELECT task_name FROM platform.scheduled_tasks WHERE task_instance = 'recurring' ORDER BY task_name")
                .query(String.class).list())
                .containsExactly("allocate-sales", "cancel-unpaid-orders", "flag-late-deliveries", "fold-sold-stock",
                        "issue-owed-invoices", "purge-completed-events", "recover-processing-payments",
                        "redeliver-stalled-events", "refresh-analytics-rollups", "retry-pending-refunds",
                        "watch-late-cancellation-refunds", "watch-refund-deadlines");
    }
}
