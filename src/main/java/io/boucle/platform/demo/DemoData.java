package io.boucle.platform.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.boucle.platform.BoucleProperties;
import io.boucle.shared.DemoSeeder;
import io.boucle.staff.StaffAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a new demo shop: every module's {@link DemoSeeder} runs once, in order, in its own
 * transaction, and is recorded so a restart adds nothing twice. Seeding is on by default with the
 * embedded database and off with an external one ({@code BOUCLE_DEMO} decides either way).
 *
 * <p>A shop becomes a demo shop only on its very first start (no staff account yet); a shop that
 * started without demo data never receives any, even from seeders added in later versions.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoData implements ApplicationRunner {

    static final String DEMO_SHOP = "demo-shop";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final BoucleProperties properties;
    private final List<DemoSeeder> seeders;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StaffAccounts staff;
    private final Clock clock;

    DemoData(BoucleProperties properties, List<DemoSeeder> seeders, JdbcClient jdbc,
            TransactionTemplate transactions, StaffAccounts staff, Clock clock) {
        this.properties = properties;
        this.staff = staff;
        this.seeders = seeders;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demoEnabled()) {
            return;
        }
        if (staff.count() == 0) {
            record(DEMO_SHOP);
        }
        if (isDemoShop()) {
            seed();
        }
    }

    boolean isDemoShop() {
        return jdbc.sql("SELECT count(*) FROM platform.demo_seed WHERE name = :name").param("name", DEMO_SHOP)
                .query(Long.class).single() > 0;
    }

    /** Records a name once; {@code false} when it was recorded before (by this node or another). */
    private boolean record(String name) {
        return jdbc.sql("""
                INSERT INTO platform.demo_seed (name, seeded_at) VALUES (:name, :at)
                ON CONFLICT (name) DO NOTHING
                """).param("name", name).param("at", java.sql.Timestamp.from(Instant.now(clock))).update() > 0;
    }

    /** Runs the seeders that have not run yet; returns how many ran. */
    int seed() {
        int ran = 0;
        for (DemoSeeder seeder : seeders.stream().sorted(Comparator.comparingInt(DemoSeeder::order)
                .thenComparing(DemoSeeder::name)).toList()) {
            Boolean seeded = transactions.execute(status -> {
                // Taking the row first makes two nodes starting together seed once.
                if (!record(seeder.name())) {
                    return false;
                }
                seeder.seed();
                return true;
            });
            if (Boolean.TRUE.equals(seeded)) {
                log.info("Demo data added: {}", seeder.name());
                ran++;
            }
        }
        return ran;
    }
}
