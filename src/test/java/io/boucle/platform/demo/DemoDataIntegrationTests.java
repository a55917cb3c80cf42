package io.boucle.platform.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.boucle.platform.BoucleProperties;
import io.boucle.shared.DemoSeeder;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class DemoDataIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    StaffAccounts staff;

    final List<String> ran = new ArrayList<>();
    final String prefix = "test-" + UUID.randomUUID() + "-";

    @Test
    void seedersRunOnceInOrder() {
        DemoData demo = demo(seeder("catalog", 10), seeder("orders", 20), seeder("accounts", 0));
        assertThat(demo.seed()).isEqualTo(3);
        assertThat(ran).containsExactly(prefix + "accounts", prefix + "catalog", prefix + "orders");
        assertThat(demo.seed()).as("second start").isZero();
        assertThat(ran).hasSize(3);
    }

    @Test
    void failedSeederLeavesNoTraceAndRunsAgainNextTime() {
        DemoSeeder failing = new DemoSeeder() {
            public String name() {
                return prefix + "broken";
            }

            public void seed() {
                jdbc.sql("INSERT INTO platform.demo_seed (name, seeded_at) VALUES (:name, now())")
                        .param("name", prefix + "written-before-failure").update();
                throw new IllegalStateException("seed failed");
            }
        };
        assertThatThrownBy(() -> demo(failing).seed()).hasMessage("seed failed");
        assertThat(jdbc.sql("SELECT count(*) FROM platform.demo_seed WHERE name LIKE :p").param("p", prefix + "%")
                .query(Long.class).single()).isZero();
        assertThat(demo(seeder("broken", 0)).seed()).isEqualTo(1);
    }

    @Test
    void shopThatStartedWithoutDemoDataNeverGetsAny() {
        assertThat(staff.count()).as("the shop has staff: it is not new").isPositive();
        assertThat(demo().isDemoShop()).isFalse();
        demo(seeder("late-seeder", 0)).run(null);
        assertThat(ran).isEmpty();
    }

    @Test
    void demoIsOnWithTheEmbeddedDatabaseAndOffWithAnExternalOneUnlessAsked() {
        var embedded = new BoucleProperties.Database(null, null, null, 10);
        var external = new BoucleProperties.Database("jdbc:postgresql://db/shop", "shop", null, 10);
        assertThat(properties(null, embedded).demoEnabled()).isTrue();
        assertThat(properties(null, external).demoEnabled()).isFalse();
        assertThat(properties(true, external).demoEnabled()).isTrue();
        assertThat(properties(false, embedded).demoEnabled()).isFalse();
    }

    private static BoucleProperties properties(Boolean demo, BoucleProperties.Database database) {
        return new BoucleProperties(Path.of("data"), java.net.URI.create("http://localhost:8080"), demo, database,
                new BoucleProperties.Embedded(0, false));
    }

    private DemoData demo(DemoSeeder... seeders) {
        return new DemoData(properties(true, new BoucleProperties.Database(null, null, null, 10)), List.of(seeders),
                jdbc, transactions, staff, clock);
    }

    private DemoSeeder seeder(String name, int order) {
        return new DemoSeeder() {
            public String name() {
                return prefix + name;
            }

            public int order() {
                return order;
            }

            public void seed() {
                ran.add(prefix + name);
            }
        };
    }
}
