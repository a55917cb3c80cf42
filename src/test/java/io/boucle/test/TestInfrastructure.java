package io.boucle.test;

import java.time.Clock;
import java.time.Instant;

import io.boucle.platform.database.DatabaseMigrations;
import io.boucle.platform.database.DatabaseReset;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every integration test context adds: a clock to move, a clean shared database. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(Instant.now(Clock.systemUTC()));
    }

    /** Records what the scheduler ran, for tests of jobs. */
    @Bean
    OneTimeTask<String> jobProbe() {
        return Tasks.oneTime("job-probe", String.class).execute((instance, context) -> JOB_PROBE_RUNS.add(instance.getData()));
    }

    public static final java.util.Queue<String> JOB_PROBE_RUNS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A real SMTP server on a free port; messages are delivered to it. */
    @Bean(destroyMethod = "stop")
    GreenMail greenMail() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return greenMail;
    }

    @Bean
    DynamicPropertyRegistrar smtpPort(GreenMail greenMail) {
        return registry -> registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    }

    /** On an external server, drop every module's schema so each run starts from nothing. */
    @Bean
    @ConditionalOnExpression("'${boucle.database.url:}' != ''")
    DatabaseReset dropModuleSchemas() {
        return dataSource -> {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            for (String schema : DatabaseMigrations.modules()) {
                jdbc.sql("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE").update();
            }
        };
    }
}
