package io.boucle.cart;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.customer.CustomerId;
import io.boucle.inventory.Inventory;
import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer's one cart, and the guest cart merged into it at sign-in. */
@IntegrationTest
class CustomerCartsIntegrationTests {

    @Autowired
    Carts carts;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    String id;
    CustomerId customer;

    @BeforeEach
    void setUp() {
        id = UUID.randomUUID().toString().substring(0, 8);
        customer = new CustomerId(UUID.randomUUID());
        catalog.addCategory("carts-" + id, null, 0, LocalizedText.of("Paniers", "Carts"), LocalizedText.of("", ""));
    }

    @Test
    void guestLinesJoinTheCustomersCartSummedButNeverBeyondTheStock() {
        String mug = product("mug", 3);
        String bowl = product("bowl", 5);
        String plate = product("plate", 4);
        CartId own = carts.createFor(customer, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        carts.addLine(own, mug, 2);
        carts.addLine(own, plate, 1);
        CartId guest = guestCart();
        carts.addLine(guest, mug, 3);
        carts.addLine(guest, bowl, 2);

        assertThat(carts.mergeAtSignIn(guest, customer)).contains(own);

        assertThat(quantities(own)).isEqualTo(Map.of(mug, 3, bowl, 2, plate, 1));
        assertThat(status(guest)).isEqualTo("MERGED");
        assertThat(carts.cartOf(customer)).contains(own);
    }

    @Test
    void aGuestCartBecomesTheCustomersWhenTheyHaveNone() {
        String mug = product("mug", 3);
        CartId guest = guestCart();
        carts.addLine(guest, mug, 1);

        assertThat(carts.mergeAtSignIn(guest, customer)).contains(guest);

        assertThat(carts.cartOf(customer)).contains(guest);
        assertThat(carts.view(guest).customerId()).isEqualTo(customer);
    }

    @Test
    void anotherCustomersCartIsNotTakenAtSignIn() {
        String mug = product("mug", 3);
        CustomerId other = new CustomerId(UUID.randomUUID());
        CartId theirs = carts.createFor(other, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        carts.addLine(theirs, mug, 1);

        assertThat(carts.mergeAtSignIn(theirs, customer)).isEmpty();

        assertThat(carts.cartOf(other)).contains(theirs);
        assertThat(status(theirs)).isEqualTo("OPEN");
    }

    @Test
    void aCustomerHasOneOpenCartUntilItExpires() {
        CartId first = carts.createFor(customer, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        assertThat(carts.createFor(customer, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id()).isEqualTo(first);

        Instant start = clock.instant();
        try {
            clock.advance(Duration.ofDays(31));
            assertThat(carts.cartOf(customer)).isEmpty();
            CartId second = carts.createFor(customer, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();

            assertThat(second).isNotEqualTo(first);
            assertThat(status(first)).isEqualTo("EXPIRED");
            assertThat(carts.cartOf(customer)).contains(second);
        } finally {
            clock.set(start);
        }
    }

    private CartId guestCart() {
        return carts.create(Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
    }

    private String product(String name, int stock) {
        String sku = ("CC-" + id + "-" + name).toUpperCase(Locale.ROOT);
        catalog.add(new NewProduct("cc-" + id + "-" + name, "carts-" + id, null, "STANDARD", LocalizedText.of(name, name),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""), Money.euros("10.00"), 300, null)),
                List.of(), null, false, true));
        inventory.setOnHand(sku, stock);
        return sku;
    }

    private Map<String, Integer> quantities(CartId cart) {
        return carts.view(cart).lines().stream().collect(Collectors.toMap(CartView.Line::sku, CartView.Line::quantity));
    }

    private String status(CartId cart) {
        return jdbc.sql("SELECT status FROM cart.cart WHERE id = :id").param("id", cart.value()).query(String.class).single();
    }
}
