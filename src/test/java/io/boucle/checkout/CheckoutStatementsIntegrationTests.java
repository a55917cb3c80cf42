package io.boucle.checkout;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.cart.Address;
import io.boucle.cart.CartCustomer;
import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.order.OrderStatus;
import io.boucle.payment.PaymentMethod;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
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

    private CartId readyCart(List<String> skus, String buyer) {
        CartId cart = carts.create(Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        carts.addLine(cart, skus.get(0), 2);
        carts.addLine(cart, skus.get(1), 1);
        carts.setCustomer(cart, new CartCustomer(EmailAddress.of("sql-" + buyer + "@example.org"),
                Address.of("Camille Martin", "12 rue des Lilas", null, "75011", "Paris", "FR"), null, null));
        carts.chooseDelivery(cart, "home", null);
        return cart;
    }

    @Test
    void placementIsOneTransactionOfAtMostFifteenStatements() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        catalog.addCategory("sql-" + id, null, 0, LocalizedText.of("Comptes", "Counts"), LocalizedText.of("", ""));
        List<String> skus = List.of("SQL-A-" + id, "SQL-B-" + id);
        for (String sku : skus) {
            catalog.add(new NewProduct(sku.toLowerCase(), "sql-" + id, null, "STANDARD", LocalizedText.of("Bol", "Bowl"),
                    LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""),
                            Money.euros("18.00"), 400, null)), List.of(), null, false, true));
            inventory.setOnHand(sku, 10);
        }
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
        assertThat(recorded.borrowings().indexOf(placement))
                .as("the payment starts once the placement has committed and given its connection back")
                .isLessThan(recorded.borrowings().indexOf(recorded.the("INSERT INTO payment.payment")));
    }
}
