package io.boucle.invoicing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.boucle.cart.Address;
import io.boucle.cart.CartCustomer;
import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.checkout.Checkout;
import io.boucle.checkout.CheckoutResult;
import io.boucle.inventory.Inventory;
import io.boucle.order.OrderStatus;
import io.boucle.payment.PaymentMethod;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hundred orders placed at once through the checkout, a third of them paid with a card the test provider
 * declines: every paid order gets exactly one invoice, the declined ones none, and the series stays one run
 * of numbers from 1, with no gap and no number twice.
 */
@IntegrationTest
class ConcurrentCheckoutInvoicingIntegrationTests {

    static final int ORDERS = 100;
    static final int BUYERS_AT_ONCE = 10;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    Carts carts;

    @Autowired
    Checkout checkout;

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    record Placed(String order, boolean declined, OrderStatus status) {
    }

    record Issued(String order, String series, long sequence, String type) {
    }

    @Test
    void hundredConcurrentOrdersWithDeclinedPaymentsGetContiguousInvoiceNumbersOnePerPaidOrder() throws Exception {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.PAID);
        String sku = "NUM-" + id;
        catalog.addCategory("num-" + id, null, 0, LocalizedText.of("Essais", "Tests"), LocalizedText.of("", ""));
        catalog.add(new NewProduct(sku.toLowerCase(Locale.ROOT), "num-" + id, null, "STANDARD", LocalizedText.of("Objet", "Item"),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""),
                        Money.euros("19.90"), 500, null)), List.of(), null, false, true));
        inventory.setOnHand(sku, ORDERS * 2);
        List<CartId> prepared = new ArrayList<>();
        for (int buyer = 0; buyer < ORDERS; buyer++) {
            prepared.add(cart("num-" + buyer + "-" + id + "@example.org", sku));
        }
        String series = InvoiceFixtures.demoSettings().invoicePrefix() + InvoiceContent.issueDate(clock.instant()).getYear();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Placed>> results = new ArrayList<>();
        try (ExecutorService buyers = Executors.newFixedThreadPool(BUYERS_AT_ONCE)) {
            for (int buyer = 0; buyer < ORDERS; buyer++) {
                CartId cart = prepared.get(buyer);
                boolean declined = buyer % 3 == 0;
                results.add(buyers.submit(() -> {
                    start.await();
                    CheckoutResult result = checkout.place(cart, true,
                            new PaymentMethod.Card(declined ? "tok_declined" : "tok_visa"), "num-" + cart);
                    return new Placed(result.order().number().value(), declined, result.order().status());
                }));
            }
            start.countDown();
        }
        List<Placed> placed = new ArrayList<>();
        for (Future<Placed> result : results) {
            placed.add(result.get(2, TimeUnit.MINUTES));
        }
        Set<String> paid = placed.stream().filter(order -> !order.declined()).map(Placed::order).collect(Collectors.toSet());
        Set<String> declined = placed.stream().filter(Placed::declined).map(Placed::order).collect(Collectors.toSet());
        assertThat(paid).hasSize(66);
        assertThat(declined).hasSize(34);
        assertThat(placed).filteredOn(Placed::declined).extracting(Placed::status).containsOnly(OrderStatus.AWAITING_PAYMENT);
        assertThat(placed).filteredOn(order -> !order.declined()).extracting(Placed::status).containsOnly(OrderStatus.PAID);

        // Invoices are issued after each order commits, by the listeners of OrderPaid.
        await().atMost(Duration.ofMinutes(2)).until(() -> documentsOf(paid).size() >= paid.size());

        // One snapshot for all that follows: other tests' orders may still be invoiced in this series meanwhile.
        TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(status -> {
            List<Issued> ofPaid = documentsOf(paid);
            assertThat(ofPaid).as("one invoice per paid order, nothing else").hasSize(paid.size())
                    .allSatisfy(document -> {
                        assertThat(document.type()).isEqualTo("INVOICE");
                        assertThat(document.series()).isEqualTo(series);
                    });
            assertThat(ofPaid).extracting(Issued::order).containsExactlyInAnyOrderElementsOf(paid);
            assertThat(ofPaid).extracting(Issued::sequence).as("no number twice among them").doesNotHaveDuplicates();
            assertThat(documentsOf(declined)).as("no document for a declined payment").isEmpty();

            // The series as a whole, whoever issued in it: 1..N, each once, and its counter at N.
            long[] state = jdbc.sql("""
                    SELECT count(*), count(DISTINCT sequence), coalesce(min(sequence), 0), coalesce(max(sequence), 0),
                           (SELECT last_number FROM invoicing.series s WHERE s.prefix || s.year = :series)
                    FROM invoicing.document WHERE series = :series
                    """).param("series", series)
                    .query((row, n) -> new long[] { row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5) })
                    .single();
            assertThat(state[1]).as("no number repeated").isEqualTo(state[0]);
            assertThat(state[2]).as("from 1").isEqualTo(1);
            assertThat(state[3]).as("no number missing").isEqualTo(state[0]);
            assertThat(state[4]).as("the counter consumed no number for a declined payment").isEqualTo(state[3]);
        });
        assertThat(invoicing.verifyChain().isIntact()).isTrue();
    }

    private List<Issued> documentsOf(Set<String> orders) {
        return jdbc.sql("""
                SELECT order_reference, series, sequence, document_type FROM invoicing.document
                WHERE order_reference IN (:orders) ORDER BY sequence
                """).param("orders", orders)
                .query((row, n) -> new Issued(row.getString(1), row.getString(2), row.getLong(3), row.getString(4))).list();
    }

    /** A cart of one unit, a customer in Paris, home delivery. */
    private CartId cart(String email, String sku) {
        CartId cart = carts.create(Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        carts.addLine(cart, sku, 1);
        carts.setCustomer(cart, new CartCustomer(EmailAddress.of(email),
                Address.of("Camille Martin", "1 rue de la Paix", null, "75002", "Paris", "FR"), null, null));
        carts.chooseDelivery(cart, "home", null);
        return cart;
    }
}
