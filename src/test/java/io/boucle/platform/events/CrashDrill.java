package io.boucle.platform.events;

import java.util.concurrent.CountDownLatch;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application as a separate process for {@link EventRedeliveryAfterCrashTests}: it publishes
 * an event whose listener either hangs (so the process can be killed mid-handling) or records
 * that it ran. Progress is reported on standard output.
 */
@Configuration(proxyBeanMethods = false)
@Profile("crash-drill")
class CrashDrill {

    record DrillEvent(String id) {
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(io.boucle.BoucleApplication.class);
        application.setAdditionalProfiles("crash-drill");
        application.run(args);
    }

    @Bean
    ApplicationRunner publishDrillEvent(@Value("${drill.publish:false}") boolean publish,
            ApplicationEventPublisher events, TransactionTemplate transactions) {
        return args -> {
            if (publish) {
                transactions.executeWithoutResult(status -> events.publishEvent(new DrillEvent("drill-1")));
                System.out.println("DRILL PUBLISHED drill-1");
            }
        };
    }

    @Component
    @Profile("crash-drill")
    static class DrillListener {

        private final JdbcClient jdbc;
        private final boolean hang;

        DrillListener(JdbcClient jdbc, @Value("${drill.mode:record}") String mode) {
            this.jdbc = jdbc;
            this.hang = "hang".equals(mode);
        }

        @ApplicationModuleListener
        void on(DrillEvent event) throws InterruptedException {
            if (hang) {
                System.out.println("DRILL HANDLING " + event.id());
                System.out.flush();
                new CountDownLatch(1).await();
            }
            jdbc.sql("CREATE TABLE IF NOT EXISTS public.drill_handled (event_id TEXT NOT NULL)").update();
            jdbc.sql("INSERT INTO public.drill_handled (event_id) VALUES (:id)").param("id", event.id()).update();
            long count = jdbc.sql("SELECT count(*) FROM public.drill_handled WHERE event_id = :id")
                    .param("id", event.id()).query(Long.class).single();
            System.out.println("DRILL HANDLED " + event.id() + " count=" + count);
            System.out.flush();
        }
    }
}
