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
import org.springframework.beans.factory.annotation.Value;
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

    /** Lets tests see the SQL and commits of the code they run (see {@link StatementCounter}). */
    @Bean
    static StatementCounter statementCounter() {
        return new StatementCounter();
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

    /**
     * On the server named by BOUCLE_TEST_DATABASE_URL (and only that one), drop every module's
     * schema so each run starts from nothing.
     */
    @Bean
    @ConditionalOnExpression("'${BOUCLE_TEST_DATABASE_URL:}' != ''")
    DatabaseReset dropModuleSchemas(@Value("${BOUCLE_TEST_DATABASE_URL}") String testDatabase) {
        return dataSource -> {
            String url;
            try {
                url = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            if (!testDatabase.equals(url)) {
                throw new IllegalStateException("refusing to empty " + url + ": it is not BOUCLE_TEST_DATABASE_URL");
            }
            JdbcClient jdbc = JdbcClient.create(dataSource);
            for (String schema : DatabaseMigrations.modules()) {
                jdbc.sql("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE").update();
            }
        };
    }
}
