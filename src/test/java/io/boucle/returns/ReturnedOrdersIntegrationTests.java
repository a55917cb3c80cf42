package io.boucle.returns;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.OrderDelivered;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.InvalidField;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Returns refunded change the order's own status: partly returned, then returned, on every page and in the API. */
@IntegrationTest
class ReturnedOrdersIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Returns returns;

    @Autowired
    Orders orders;

    @Autowired
    Invoicing invoicing;

    @Autowired
    StaffAccounts staff;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    StoreFixtures store;
    StaffLogins logins;
    Http http;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        store = new StoreFixtures(new Http(port), json, catalog);
        logins = new StaffLogins(staff, port);
        http = new Http(port);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void anOrderIsPartlyReturnedThenReturnedOnceEveryUnitIsRefunded() {
        String bowl = store.product("rbol", "20.00", 10);
        String cup = store.product("rtasse", "15.00", 10);
        OrderView order = paid(List.of(bowl, cup), List.of(2, 1));
        delivered(order);
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);

        CustomerReturn first = returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(bowl, null, 1)), null),
                "WEB", null);
        returns.inspect(first.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        assertThat(orders.find(order.number()).orElseThrow().status()).as("inspected, not refunded yet")
                .isEqualTo(OrderStatus.DELIVERED);
        returns.refund(first.id());
        awaitStatus(order, OrderStatus.PARTIALLY_RETURNED);
        assertThat(store.read(http.get("/api/v1/orders/" + order.number() + "?accessToken=" + order.accessToken()))
                .get("order").get("status").asString()).isEqualTo("PARTIALLY_RETURNED");
        assertThat(http.get("/commande/" + order.number() + "?t=" + order.accessToken()).body())
                .contains("Une partie de la commande a été retournée.");

        CustomerReturn rest = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        returns.inspect(rest.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null),
                new Inspection(2, true, Condition.NEW_WITH_TAGS, null)), "staff@test");
        returns.refund(rest.id());
        awaitStatus(order, OrderStatus.RETURNED);

        assertThat(store.read(http.get("/api/v1/orders/" + order.number() + "?accessToken=" + order.accessToken()))
                .get("order").get("status").asString()).isEqualTo("RETURNED");
        assertThat(http.get("/commande/" + order.number() + "?t=" + order.accessToken()).body())
                .contains("La commande a été retournée.");
        Http manager = logins.signedIn(Role.MANAGER);
        assertThat(manager.get("/admin/orders?status=RETURNED&q=" + order.number()).body()).contains("/admin/orders/" + order.number())
                .contains("Retournée");
        assertThat(manager.get("/admin/orders?status=DELIVERED&q=" + order.number()).body())
                .doesNotContain("/admin/orders/" + order.number());
        assertThat(manager.get("/admin/orders/" + order.number()).body()).contains("Commande entièrement retournée et remboursée");
        assertThat(orders.find(order.number()).orElseThrow().timeline()).extracting(OrderView.TimelineEntry::kind)
                .containsSubsequence("DELIVERED", "PARTLY_RETURNED", "RETURNED");
    }

    @Test
    void aReturnRefusedAtInspectionLeavesTheOrderDelivered() {
        String vase = store.product("rvase", "25.00", 10);
        OrderView order = paid(List.of(vase), List.of(1));
        delivered(order);
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        returns.inspect(withdrawal.id(), List.of(new Inspection(1, false, null, "broken by misuse")), "staff@test");
        assertThat(orders.recordReturned(order.number(), 0, Instant.now(clock))).isFalse();
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void aCountToldAgainOrANegativeCountChangesNothing() {
        String lamp = store.product("rlampe", "30.00", 10);
        OrderView order = paid(List.of(lamp), List.of(3));
        delivered(order);
        assertThatThrownBy(() -> orders.recordReturned(order.number(), -1, Instant.now(clock)))
                .isInstanceOf(InvalidField.class);
        assertThat(orders.recordReturned(order.number(), 1, Instant.now(clock))).isTrue();
        assertThat(orders.recordReturned(order.number(), 1, Instant.now(clock))).as("told again").isFalse();
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_RETURNED);
        assertThat(orders.find(order.number()).orElseThrow().timeline()).filteredOn(e -> e.kind().equals("PARTLY_RETURNED"))
                .hasSize(1);
    }

    @Test
    void anOrderPartlyReturnedBeforeItsLastParcelArrivesIsPartlyReturnedWhenDelivered() {
        String rug = store.product("rtapis", "35.00", 10);
        OrderView order = paid(List.of(rug), List.of(2));
        assertThat(orders.markShipped(order.number())).isTrue();
        assertThat(orders.recordReturned(order.number(), 1, Instant.now(clock))).as("still shipping: status kept").isFalse();
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(orders.markDelivered(order.number(), Instant.now(clock))).isTrue();
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_RETURNED);
    }

    // Fixtures

    private OrderView paid(List<String> skus, List<Integer> quantities) {
        String cart = store.newCart();
        for (int i = 0; i < skus.size(); i++) {
            assertThat(store.addLine(cart, skus.get(i), quantities.get(i)).statusCode()).isEqualTo(200);
        }
        assertThat(store.customer(cart, "returned-" + store.id + "@example.org").statusCode()).isEqualTo(200);
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        return await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                order -> order.paidAt() != null);
    }

    /** Delivered as fulfilment does it: the order's status, then the event returns keeps. */
    private void delivered(OrderView order) {
        Instant at = Instant.now(clock);
        transactions.executeWithoutResult(status -> {
            assertThat(orders.markDelivered(order.number(), at)).isTrue();
            events.publishEvent(new OrderDelivered(order.number(), at));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.deliveredAt(order.number()).isPresent());
    }

    private void awaitStatus(OrderView order, OrderStatus status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(order.number()).orElseThrow().status() == status);
    }

}
