package io.boucle.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A payment never waits for a hot SKU's row: its units leave the row a moment later, with a coherent ledger. */
@IntegrationTest
class SoldStockFoldingIntegrationTests {

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aPaymentOnABusyRowDoesNotWaitAndItsUnitsAreFoldedLaterInLedgerOrder() throws Exception {
        String sku = "FOLD-" + UUID.randomUUID().toString().substring(0, 8);
        inventory.setOnHand(sku, 10);
        reserve("R1-" + sku, sku, 2);
        reserve("R2-" + sku, sku, 3);

        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("SELECT sku FROM inventory.stock WHERE sku = :sku FOR UPDATE").param("sku", sku).query(String.class).single();
                locked.countDown();
                await(release);
            }));
            locked.await();
            try {
                // Would block until the holder commits if consuming waited for the row.
                threads.submit(() -> inventory.consume("R1-" + sku)).get(20, TimeUnit.SECONDS);
                assertThat(inventory.levels(List.of(sku)).get(sku)).as("exact while not folded")
                        .isEqualTo(new StockLevel(sku, 8, 3));
                assertThat(soldLines(sku)).isEmpty();
            } finally {
                release.countDown();
                holder.get();
            }
        }

        inventory.consume("R2-" + sku); // the row is free: folded at once
        assertThat(soldLines(sku)).containsExactly("R2-" + sku + " -3 7");
        assertThat(inventory.foldSold()).isGreaterThanOrEqualTo(1);
        assertThat(soldLines(sku)).containsExactly("R2-" + sku + " -3 7", "R1-" + sku + " -2 5");
        assertThat(row(sku)).isEqualTo(Map.of("on_hand", 5, "reserved", 0));
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 5, 0));
        inventory.consume("R1-" + sku);
        assertThat(row(sku)).as("consuming twice does nothing").isEqualTo(Map.of("on_hand", 5, "reserved", 0));
    }

    @Test
    void aCountTakesTheUnitsSoldButNotFoldedOffFirst() throws Exception {
        String sku = "COUNT-" + UUID.randomUUID().toString().substring(0, 8);
        inventory.setOnHand(sku, 6);
        reserve("R3-" + sku, sku, 1);
        // Left unfolded, as a payment on a busy row leaves it.
        jdbc.sql("UPDATE inventory.reservation SET status = 'CONSUMED', folded = FALSE WHERE reference = :reference")
                .param("reference", "R3-" + sku).update();

        inventory.setOnHand(sku, 4);

        assertThat(row(sku)).isEqualTo(Map.of("on_hand", 4, "reserved", 0));
        assertThat(jdbc.sql("SELECT reason || ' ' || delta || ' ' || on_hand FROM inventory.movement WHERE sku = :sku ORDER BY id")
                .param("sku", sku).query(String.class).list())
                .containsExactly("COUNT 6 6", "SOLD -1 5", "COUNT -1 4");
    }

    private void reserve(String reference, String sku, int quantity) {
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                inventory.reserve(reference, Map.of(sku, quantity), Instant.now().plusSeconds(600)));
    }

    private List<String> soldLines(String sku) {
        return jdbc.sql("""
                        SELECT reference || ' ' || delta || ' ' || on_hand FROM inventory.movement
                        WHERE sku = :sku AND reason = 'SOLD' ORDER BY id
                        """)
                .param("sku", sku).query(String.class).list();
    }

    private Map<String, Integer> row(String sku) {
        return jdbc.sql("SELECT on_hand, reserved FROM inventory.stock WHERE sku = :sku").param("sku", sku)
                .query((row, n) -> Map.of("on_hand", row.getInt("on_hand"), "reserved", row.getInt("reserved"))).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
