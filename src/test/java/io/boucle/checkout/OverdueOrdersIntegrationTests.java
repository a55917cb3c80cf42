package io.boucle.checkout;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.inventory.Inventory;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentMethod;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The job that cancels overdue orders never cancels one whose payment arrived meanwhile. */
@IntegrationTest
class OverdueOrdersIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    Carts carts;

    @Autowired
    Checkout checkout;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anOrderPaidWhileTheJobWaitsForItIsNotCancelled() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String sku = "LATE-" + id;
        ReadyCarts ready = new ReadyCarts(catalog, inventory, carts);
        ready.products("late-" + id, "15.00", 3, sku);
        CartId cart = ready.cart("late-" + id + "@example.org", java.util.Map.of(sku, 1));
        // 3-D Secure: the order waits for its payment.
        String number = checkout.place(cart, true, new PaymentMethod.Card("tok_3ds"), null).order().number().value();
        jdbc.sql("UPDATE orders.customer_order SET payment_deadline = payment_deadline - INTERVAL '1 hour' WHERE number = :n")
                .param("n", number).update();

        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch pay = new CountDownLatch(1);
            // The payment arrives: it holds the order while the job reaches it.
            Future<?> payment = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("SELECT number FROM orders.customer_order WHERE number = :n FOR UPDATE").param("n", number)
                        .query(String.class).single();
                locked.countDown();
                try {
                    pay.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                jdbc.sql("UPDATE orders.customer_order SET status = 'PAID', paid_at = now() WHERE number = :n")
                        .param("n", number).update();
            }));
            locked.await();
            Future<Integer> job = threads.submit(() -> orders.cancelUnpaid(100));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                                SELECT count(*) FROM pg_stat_activity
                                WHERE wait_event_type = 'Lock' AND query LIKE '%customer_order%FOR UPDATE%'
                                """).query(Long.class).single() > 0);
            } finally {
                pay.countDown();
            }
            payment.get();
            job.get();
        }

        assertThat(orders.find(new io.boucle.order.OrderNumber(number)).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(jdbc.sql("SELECT count(*) FROM orders.timeline WHERE order_number = :n AND kind = 'CANCELLED'")
                .param("n", number).query(Long.class).single()).isZero();
    }
}
