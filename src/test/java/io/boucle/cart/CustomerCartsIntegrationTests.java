package io.boucle.cart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.customer.CustomerId;
import io.boucle.inventory.Inventory;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Gone;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
    DataSource dataSource;

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
    void withoutACartOfTheirOwnTheCustomerGetsANewOneWithTheGuestLinesNeverTheGuestCartItself() {
        String mug = product("mug", 3);
        CartId guest = guestCart();
        carts.addLine(guest, mug, 2);

        CartId own = carts.mergeAtSignIn(guest, customer).orElseThrow();

        assertThat(own).isNotEqualTo(guest);
        assertThat(carts.cartOf(customer)).contains(own);
        assertThat(carts.view(own).customerId()).isEqualTo(customer);
        assertThat(quantities(own)).isEqualTo(Map.of(mug, 2));
        assertThat(status(guest)).isEqualTo("MERGED");
        assertThat(jdbc.sql("SELECT count(*) FROM cart.cart WHERE id = :id AND customer_id IS NULL").param("id", guest.value())
                .query(Long.class).single()).as("the guest cart stays nobody's").isEqualTo(1);
        assertThatThrownBy(() -> carts.view(guest)).as("gone, without saying where its lines went")
                .isInstanceOf(Gone.class).hasMessageContaining("merged").hasMessageNotContaining(own.toString());
        assertThatThrownBy(() -> carts.addLine(guest, mug, 1)).isInstanceOf(Gone.class).hasMessageContaining("merged");
        assertThat(quantities(own)).isEqualTo(Map.of(mug, 2));
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
    void aCartOrderedWhileItsCustomerSignsInKeepsItsLinesAndTheGuestLinesGoToANewCart() throws Exception {
        String mug = product("mug", 5);
        String bowl = product("bowl", 5);
        CartId own = carts.createFor(customer, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        carts.addLine(own, mug, 1);
        CartId guest = guestCart();
        carts.addLine(guest, bowl, 2);

        Optional<CartId> merged;
        try (Connection checkout = dataSource.getConnection(); ExecutorService signIn = Executors.newSingleThreadExecutor()) {
            // A checkout orders the cart and commits only once the sign-in waits for the cart's lock.
            checkout.setAutoCommit(false);
            int checkoutPid = singleInt(checkout, "SELECT pg_backend_pid()");
            try (PreparedStatement ordering = checkout.prepareStatement(
                    "UPDATE cart.cart SET status = 'ORDERED', order_reference = 'RACE-' || id WHERE id = ?")) {
                ordering.setObject(1, own.value());
                assertThat(ordering.executeUpdate()).isEqualTo(1);
            }
            Future<Optional<CartId>> merging = signIn.submit(() -> carts.mergeAtSignIn(guest, customer));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))")
                    .param("pid", checkoutPid).query(Long.class).single() > 0);
            checkout.commit();
            merged = merging.get(10, TimeUnit.SECONDS);
        }

        assertThat(merged).isPresent().get().isNotEqualTo(own).isNotEqualTo(guest);
        assertThat(status(guest)).isEqualTo("MERGED");
        assertThat(status(own)).isEqualTo("ORDERED");
        assertThat(quantities(own)).isEqualTo(Map.of(mug, 1));
        assertThat(quantities(merged.get())).isEqualTo(Map.of(bowl, 2));
        assertThat(carts.view(merged.get()).open()).isTrue();
        assertThat(carts.cartOf(customer)).isEqualTo(merged);
        assertThat(carts.createFor(customer, Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id()).isEqualTo(merged.get());
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

    private static int singleInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
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
