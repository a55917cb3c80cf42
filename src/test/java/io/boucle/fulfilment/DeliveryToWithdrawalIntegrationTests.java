package io.boucle.fulfilment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.returns.ReturnRefused;
import io.boucle.returns.ReturnRequest;
import io.boucle.returns.Returns;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole way from a parcel to the right of withdrawal: orders shipped and delivered by fulfilment,
 * whose delivery starts the withdrawal period that returns enforces (DOMAIN-RULES §4: goods received
 * Monday 2026-03-02 may be withdrawn until Monday 2026-03-16 inclusive).
 */
@IntegrationTest
class DeliveryToWithdrawalIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Orders orders;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    Returns returns;

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aDeliveredOrderMayBeWithdrawnOnTheLastDayAndNotTheDayAfter() {
        Http http = new Http(port);
        StoreFixtures store = new StoreFixtures(http, json, catalog);
        ShippingScenario scenario = new ShippingScenario(http, store, orders);
        String id = UUID.randomUUID().toString().substring(0, 8);
        clock.set(Instant.parse("2026-02-26T09:00:00Z"));
        String vase = store.product("vase-chaine", "35.00", 10);
        var onTime = scenario.paidOrder("on-time-" + id + "@example.org", vase, 1).number();
        var tooLate = scenario.paidOrder("too-late-" + id + "@example.org", vase, 1).number();
        List<Shipment> parcels = List.of(onTime, tooLate).stream()
                .map(number -> fulfilment.ship(number, "colissimo", "WD" + number.value().replaceAll("[^0-9]", ""), null)).toList();
        clock.set(Instant.parse("2026-03-02T16:00:00Z"));
        parcels.forEach(parcel -> fulfilment.updateStatus(parcel.id(), ShipmentStatus.DELIVERED,
                Instant.parse("2026-03-02T15:00:00Z"), null));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(returns.withdrawalDeadline(onTime)).contains(LocalDate.parse("2026-03-16"));
            assertThat(returns.withdrawalDeadline(tooLate)).contains(LocalDate.parse("2026-03-16"));
        });
        assertThat(orders.find(onTime).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);

        clock.set(Instant.parse("2026-03-16T22:30:00Z")); // 23:30 on the 16th in Paris
        assertThat(returns.withdraw(orders.find(onTime).orElseThrow(), ReturnRequest.everything(null), "WEB", null)
                .withdrawalDeadline()).isEqualTo(LocalDate.parse("2026-03-16"));

        clock.set(Instant.parse("2026-03-17T07:00:00Z"));
        assertThatThrownBy(() -> returns.withdraw(orders.find(tooLate).orElseThrow(), ReturnRequest.everything(null), "WEB", null))
                .isInstanceOfSatisfying(ReturnRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(ReturnRefused.Reason.PERIOD_OVER));
        assertThat(returns.forOrders(List.of(tooLate))).as("nothing written").isEmpty();
    }
}
