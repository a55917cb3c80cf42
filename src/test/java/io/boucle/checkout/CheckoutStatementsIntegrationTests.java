package io.boucle.checkout;

import java.util.List;
import java.util.UUID;

import io.boucle.cart.Address;
import io.boucle.cart.CartCustomer;
import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.inventory.Inventory;
import io.boucle.order.OrderStatus;
import io.boucle.payment.PaymentMethod;
import io.boucle.shared.EmailAddress;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What an order placement costs the database: one short transaction, and the payment outside it. */
@IntegrationTest
class CheckoutStatementsIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    Carts carts;

    @Autowired
    Checkout checkout;

    private ReadyCarts ready;

    private CartId readyCart(List<String> skus, String buyer) {
        java.util.Map<String, Integer> quantities = new java.util.LinkedHashMap<>();
        quantities.put(skus.get(0), 2);
        quantities.put(skus.get(1), 1);
        return ready.cart("sql-" + buyer + "@example.org", quantities);
    }

    @Test
    void placementIsOneTransactionOfAtMostFifteenStatements() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        List<String> skus = List.of("SQL-A-" + id, "SQL-B-" + id);
        ready = new ReadyCarts(catalog, inventory, carts);
        ready.products("sql-" + id, "18.00", 10, skus.toArray(String[]::new));
        // A first order warms what the shop keeps in memory (catalog, delivery methods, promotions).
        checkout.place(readyCart(skus, id + "-1"), true, new PaymentMethod.Card("tok_visa"), "sql-" + id + "-1");
        CartId cart = readyCart(skus, id + "-2");

        StatementCounter.Recorded<CheckoutResult> recorded = StatementCounter.record(
                () -> checkout.place(cart, true, new PaymentMethod.Card("tok_visa"), "sql-" + id + "-2"));

        assertThat(recorded.result().order().status()).isEqualTo(OrderStatus.PAID);
        StatementCounter.Borrowing placement = recorded.the("INSERT INTO orders.customer_order");
        assertThat(placement.commits()).as("placement commits once").isEqualTo(1);
        assertThat(placement.statements()).as("the placement transaction's statements").hasSizeLessThanOrEqualTo(15);
        assertThat(placement.ran("inventory.stock")).as("stock is reserved in the same transaction").isTrue();
        assertThat(placement.ran("payment.")).as("the payment is taken outside the placement transaction").isFalse();
        assertThat(placement.ran("distance_sale") || placement.ran("pg_advisory_xact_lock"))
                .as("a domestic order neither reads nor writes the EU distance sales").isFalse();
        assertThat(recorded.borrowings().indexOf(placement))
                .as("the payment starts once the placement has committed and given its connection back")
                .isLessThan(recorded.borrowings().indexOf(recorded.the("INSERT INTO payment.payment")));
    }

    @Test
    void aSaleToAConsumerInAnotherMemberStateReadsTheDistanceSalesUnderALockAndAddsItsOwn() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        List<String> skus = List.of("SQL-C-" + id, "SQL-D-" + id);
        ready = new ReadyCarts(catalog, inventory, carts);
        ready.products("sqleu-" + id, "18.00", 10, skus.toArray(String[]::new));
        checkout.place(readyCart(skus, id + "-1"), true, new PaymentMethod.Card("tok_visa"), "sqleu-" + id + "-1");
        CartId cart = readyCart(skus, id + "-2");
        carts.setCustomer(cart, new CartCustomer(EmailAddress.of("sqleu-" + id + "@example.org"),
                Address.of("Jonas Weber", "Unter den Linden 1", null, "10117", "Berlin", "DE"), null, null));
        carts.chooseDelivery(cart, "home", null);

        StatementCounter.Recorded<CheckoutResult> recorded = StatementCounter.record(
                () -> checkout.place(cart, true, new PaymentMethod.Card("tok_visa"), "sqleu-" + id + "-2"));

        StatementCounter.Borrowing placement = recorded.the("INSERT INTO orders.customer_order");
        assertThat(placement.commits()).isEqualTo(1);
        assertThat(placement.ran("pg_advisory_xact_lock(hashtext('boucle.orders.distance-sales')")).isTrue();
        assertThat(placement.ran("INSERT INTO orders.distance_sale")).isTrue();
        assertThat(placement.ran("orders.distance_sales_year")).as("the crossing is read by key, for every node").isTrue();
        assertThat(placement.statements())
                .as("four statements more than a domestic order, under the threshold: the crossing, the lock, the sum, the sale")
                .hasSizeLessThanOrEqualTo(19);
    }
}
