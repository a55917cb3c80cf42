package io.boucle.checkout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.OutOfStock;
import io.boucle.inventory.StockLevel;
import io.boucle.order.OrderStatus;
import io.boucle.payment.PaymentMethod;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Many buyers at once for little stock: exactly the stock is sold, never more, and the others are told. */
@IntegrationTest
class CheckoutConcurrencyIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    Carts carts;

    @Autowired
    Checkout checkout;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoHundredBuyersOfFiftyUnitsMakeExactlyFiftyPaidOrders() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String sku = "RUSH-" + id;
        ReadyCarts ready = new ReadyCarts(catalog, inventory, carts);
        ready.products("rush-" + id, "49.00", 50, sku);
        List<CartId> prepared = new ArrayList<>();
        for (int buyer = 0; buyer < 200; buyer++) {
            prepared.add(ready.cart("rush-" + buyer + "-" + id + "@example.org", java.util.Map.of(sku, 1)));
        }

        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> soldOut = new ConcurrentLinkedQueue<>();
        List<Future<CheckoutResult>> results = new ArrayList<>();
        // 200 buyers arrive at once; as many are served at a time as the pool has connections (10).
        try (ExecutorService buyers = Executors.newFixedThreadPool(10)) {
            for (CartId cart : prepared) {
                results.add(buyers.submit(() -> {
                    start.await();
                    try {
                        return checkout.place(cart, true, new PaymentMethod.Card("tok_visa"), null);
                    } catch (OutOfStock e) {
                        soldOut.add(e.getMessage());
                        return null;
                    }
                }));
            }
            start.countDown();
        }

        long paid = 0;
        for (Future<CheckoutResult> result : results) {
            CheckoutResult placed = result.get();
            if (placed != null && placed.order().status() == OrderStatus.PAID) {
                paid++;
            }
        }
        assertThat(paid).isEqualTo(50);
        assertThat(soldOut).hasSize(150).allSatisfy(message -> assertThat(message).contains(sku).contains("sold out"));
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 0, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM orders.line WHERE sku = :sku").param("sku", sku).query(Long.class).single())
                .as("no order was written for a buyer told it is sold out").isEqualTo(50);
        inventory.foldSold(); // what payments left on the busy row
        assertThat(jdbc.sql("SELECT on_hand FROM inventory.stock WHERE sku = :sku").param("sku", sku).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT coalesce(sum(-delta), 0) FROM inventory.movement WHERE sku = :sku AND reason = 'SOLD'")
                .param("sku", sku).query(Long.class).single()).isEqualTo(50);
    }

    @Test
    void theSameIdempotencyKeySentEightTimesAtOncePlacesOneOrderAndChargesOnce() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String sku = "TWICE-" + id;
        ReadyCarts ready = new ReadyCarts(catalog, inventory, carts);
        ready.products("twice-" + id, "25.00", 5, sku);
        CartId cart = ready.cart("twice-" + id + "@example.org", java.util.Map.of(sku, 1));

        CountDownLatch start = new CountDownLatch(1);
        List<Future<CheckoutResult>> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(clients.submit(() -> {
                    start.await();
                    return checkout.place(cart, true, new PaymentMethod.Card("tok_visa"), "twice-" + id);
                }));
            }
            start.countDown();
        }

        java.util.Set<String> orders = new java.util.HashSet<>();
        java.util.Set<String> charges = new java.util.HashSet<>();
        for (Future<CheckoutResult> result : results) {
            orders.add(result.get().order().number().value());
            charges.add(result.get().payment().id().toString());
        }
        assertThat(orders).hasSize(1);
        assertThat(charges).as("one payment, returned to every request").hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE idempotency_key = :key")
                .param("key", "twice-" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM payment.payment WHERE reference = :reference AND status = 'CAPTURED'")
                .param("reference", orders.iterator().next()).query(Long.class).single()).isEqualTo(1);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 4, 0));
    }
}
