package io.boucle.fulfilment;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.payment.Payments;
import io.boucle.payment.Refund;
import io.boucle.shared.Money;
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

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The refund of a cancellation for late delivery is watched: not made 14 days after, the staff are alerted once. */
@IntegrationTest
class LateRefundWatchIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Orders orders;

    @Autowired
    Payments payments;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    StaffAccounts staff;

    @Autowired
    MutableClock clock;

    Http http;
    StoreFixtures store;
    StaffLogins logins;
    ShippingScenario scenario;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
        logins = new StaffLogins(staff, port);
        scenario = new ShippingScenario(http, store, orders);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aLateCancellationWhoseRefundFailsIsAnAlertOnceFourteenDaysLater() {
        clock.set(Instant.parse("2026-06-01T08:00:00Z"));
        String sku = store.product("remb-echec", "24.00", 5);
        ShippingScenario.Placed placed = scenario.paidOrderWith("tok_refund_fails", "refund-fails-" + store.id + "@example.org",
                sku, 2);
        OrderNumber number = placed.number();
        fulfilment.ship(number, "colissimo", "LR" + store.id, Map.of(1, 1));
        LocalDate promised = fulfilment.forOrder(number).orElseThrow().promisedDate();
        clock.set(promised.plusDays(1).atTime(10, 0).atZone(Fulfilment.SHOP_ZONE).toInstant());

        HttpResponse<String> cancelled = http.postJson("/api/v1/orders/" + number + "/late-cancellation?accessToken="
                + placed.accessToken(), "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(201);
        assertThat(payments.refunds(number.value())).isNotEmpty().allMatch(Refund::failed);
        Money total = orders.find(number).orElseThrow().totals().total();
        assertThat(orders.notRefunded(number)).isEqualTo(total);
        LocalDate due = fulfilment.forOrder(number).orElseThrow().refundDueBy();
        assertThat(due).isEqualTo(fulfilment.today().plusDays(14));

        // Fourteen days later: the last day to refund, no alert yet.
        clock.advance(Duration.ofDays(14));
        assertThat(fulfilment.today()).isEqualTo(due);
        fulfilment.watchLateCancellationRefunds(1000);
        assertThat(alertFor(number)).isFalse();

        // The day after: the refund is late, the staff are alerted, once.
        clock.advance(Duration.ofDays(1));
        assertThat(fulfilment.watchLateCancellationRefunds(1000)).isGreaterThanOrEqualTo(1);
        fulfilment.watchLateCancellationRefunds(1000);
        assertThat(fulfilment.lateRefundAlerts()).filteredOn(alert -> alert.number().equals(number)).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.dueBy()).isEqualTo(due);
                    assertThat(alert.raisedAt()).isEqualTo(clock.instant());
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> FulfilmentEventsProbe.overdueFor(number.value()).size() == 1);
        assertThat(FulfilmentEventsProbe.overdueFor(number.value())).singleElement()
                .satisfies(event -> assertThat(event.notRefunded()).isEqualTo(total));
        String shipments = logins.signedIn(Role.MANAGER).get("/admin/shipments").body();
        assertThat(shipments).contains("commande " + number + " annulée pour retard de livraison : le remboursement était dû au plus tard le "
                + due.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(logins.signedIn(Role.SUPPORT).get("/admin/returns").body()).contains("commande " + number + " annulée pour retard");
    }

    @Test
    void aLateCancellationRefundedInTimeRaisesNothingAndIsNoLongerWatched() {
        clock.set(Instant.parse("2026-06-01T08:00:00Z"));
        String sku = store.product("remb-ok", "18.00", 5);
        ShippingScenario.Placed placed = scenario.paidOrder("refund-ok-" + store.id + "@example.org", sku, 1);
        OrderNumber number = placed.number();
        LocalDate promised = fulfilment.forOrder(number).orElseThrow().promisedDate();
        clock.set(promised.plusDays(1).atTime(10, 0).atZone(Fulfilment.SHOP_ZONE).toInstant());
        Fulfilment.LateCancellation done = fulfilment.cancelForLateDelivery(number);
        assertThat(done.cancellation().refundFailed()).isFalse();
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.notRefunded(number).isPositive()).isFalse();

        clock.advance(Duration.ofDays(15));
        fulfilment.watchLateCancellationRefunds(1000);
        assertThat(alertFor(number)).isFalse();
        assertThat(FulfilmentEventsProbe.overdueFor(number.value())).isEmpty();
    }

    private boolean alertFor(OrderNumber number) {
        return fulfilment.lateRefundAlerts().stream().anyMatch(alert -> alert.number().equals(number));
    }

}
