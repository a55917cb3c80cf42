package io.boucle.fulfilment;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.payment.Payments;
import io.boucle.payment.Refund;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Shipping, delivery, click & collect and the delivery deadline, driven by the clock. */
@IntegrationTest
class FulfilmentIntegrationTests {

    static final String OWNER = "Bearer " + StoreFixtures.OWNER_TOKEN;

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
    io.boucle.inventory.Inventory inventory;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    CarrierWebhook webhook;

    @Autowired
    PackingDocuments documents;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Http http;
    StoreFixtures store;
    ShippingScenario scenario;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
        scenario = new ShippingScenario(http, store, orders);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void partThenTheRestShipsAndTheLastParcelDeliversTheOrderOnce() {
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        String bowl = store.product("bol", "12.00", 10);
        String cloth = store.product("nappe", "30.00", 10);
        OrderNumber number = scenario.paidOrder("split-" + store.id + "@example.org", bowl, 2, cloth, 1).number();
        assertThat(fulfilment.forOrder(number).orElseThrow().promisedDate())
                .isEqualTo(orders.find(number).orElseThrow().delivery().latest());

        assertThat(documents.pickRows()).filteredOn(row -> row.sku().equals(bowl)).singleElement()
                .satisfies(row -> {
                    assertThat(row.quantity()).isEqualTo(2);
                    assertThat(row.orders()).containsExactly(number.value());
                    assertThat(row.location()).contains("(");
                });
        Shipment first = fulfilment.ship(number, "colissimo", "6A" + store.id, Map.of(1, 1));
        assertThat(documents.pickRows()).filteredOn(row -> row.sku().equals(bowl)).singleElement()
                .extracting(PackingDocuments.PickRow::quantity).isEqualTo(1);
        assertThat(first.lines()).extracting(Shipment.Line::sku, Shipment.Line::quantity).containsExactly(org.assertj.core.groups.Tuple.tuple(bowl, 1));
        assertThat(first.trackingUrl()).isEqualTo("https://www.laposte.fr/outils/suivre-vos-envois?code=6A" + store.id);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);

        // Over-shipping: one bowl is left, two are asked.
        assertThatThrownBy(() -> fulfilment.ship(number, "chronopost", "XX" + store.id, Map.of(1, 2, 2, 1)))
                .isInstanceOf(FulfilmentRefused.class).hasMessageContaining("2 ordered, 1 already shipped");
        assertThat(fulfilment.forOrder(number).orElseThrow().shipments()).hasSize(1);
        assertThat(fulfilment.forOrder(number).orElseThrow().lines()).extracting(OrderFulfilment.Line::shipped).containsExactly(1, 0);

        clock.set(Instant.parse("2026-03-02T15:00:00Z"));
        Shipment rest = fulfilment.ship(number, "chronopost", "XY" + store.id, null);
        assertThat(rest.lines()).extracting(Shipment.Line::quantity).containsExactly(1, 1);
        assertThat(fulfilment.forOrder(number).orElseThrow().fullyShipped()).isTrue();
        assertThatThrownBy(() -> fulfilment.ship(number, "ups", "1Z" + store.id, null)).isInstanceOf(FulfilmentRefused.class);

        // The second parcel arrives first, told by the carrier.
        clock.set(Instant.parse("2026-03-03T10:00:00Z"));
        String delivered = event("evt-a-" + store.id, "XY" + store.id, "DELIVERED", "2026-03-03T09:30:00Z");
        assertThat(carrierEvent("chronopost", delivered, webhook.signature(delivered)).statusCode()).isEqualTo(200);
        assertThat(fulfilment.forOrder(number).orElseThrow().delivered()).isFalse();

        clock.set(Instant.parse("2026-03-04T08:00:00Z"));
        String out = event("evt-b-" + store.id, "6A" + store.id, "OUT_FOR_DELIVERY", "2026-03-04T07:00:00Z");
        assertThat(carrierEvent("colissimo", out, webhook.signature(out)).statusCode()).isEqualTo(200);
        clock.set(Instant.parse("2026-03-04T12:00:00Z"));
        Instant last = Instant.parse("2026-03-04T11:15:00Z");
        fulfilment.updateStatus(first.id(), ShipmentStatus.DELIVERED, last, "Remis en main propre");

        OrderFulfilment order = fulfilment.forOrder(number).orElseThrow();
        assertThat(order.deliveredAt()).isEqualTo(last);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.shipments().getFirst().history()).extracting(Shipment.Event::status)
                .containsExactly(ShipmentStatus.SHIPPED, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED);

        // Told again: nothing more happens.
        HttpResponse<String> replay = carrierEvent("chronopost", delivered, webhook.signature(delivered));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"recorded\":false");
        fulfilment.updateStatus(first.id(), ShipmentStatus.DELIVERED, null, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> !FulfilmentEventsProbe.receivedFor(number.value()).isEmpty());
        assertThat(FulfilmentEventsProbe.receivedFor(number.value())).containsExactly(new OrderDelivered(number, last));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM platform.event_publication
                        WHERE event_type = :type AND serialized_event LIKE :number AND listener_id LIKE '%FulfilmentEventsProbe%'
                        """)
                .param("type", OrderDelivered.class.getName()).param("number", "%" + number.value() + "%")
                .query(Long.class).single()).isEqualTo(1);
        // The customer was told of each step.
        assertThat(templates(number)).contains("shipment-shipped", "shipment-out-for-delivery", "order-delivered");
        assertThat(templates(number).stream().filter("shipment-shipped"::equals)).hasSize(2);
        assertThat(templates(number).stream().filter("order-delivered"::equals)).hasSize(1);
    }

    @Test
    void overShippingThroughTheApiIsA400AndChangesNothing() {
        String sku = store.product("api", "15.00", 5);
        OrderNumber number = scenario.paidOrder("api-" + store.id + "@example.org", sku, 2).number();

        HttpResponse<String> tooMany = http.postJson("/api/v1/admin/orders/" + number + "/shipments",
                "{\"carrier\": \"dhl\", \"trackingNumber\": \"JD%s\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 3}]}".formatted(store.id, sku),
                "Authorization", OWNER);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(tooMany.body()).contains("2 ordered, 0 already shipped");
        assertThat(shipments(number)).isZero();

        HttpResponse<String> shipped = http.postJson("/api/v1/admin/orders/" + number + "/shipments",
                "{\"carrier\": \"dhl\", \"trackingNumber\": \"JD%s\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 2}]}".formatted(store.id, sku),
                "Authorization", OWNER);
        assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(201);
        JsonNode parcel = json.readTree(shipped.body());
        assertThat(parcel.get("trackingUrl").asString()).contains("dhl.com").endsWith("JD" + store.id);
        HttpResponse<String> delivered = http.postJson("/api/v1/admin/shipments/" + parcel.get("id").asString() + "/delivered", "{}",
                "Authorization", OWNER);
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);

        // The buyer sees the parcel on the order.
        String token = orders.find(number).orElseThrow().accessToken();
        JsonNode seen = json.readTree(http.get("/api/v1/orders/" + number + "?accessToken=" + token).body());
        assertThat(seen.get("order").get("shipments").get(0).get("status").asString()).isEqualTo("DELIVERED");
        assertThat(seen.get("order").get("shipments").get(0).get("carrier").get("name").asString()).isEqualTo("DHL");
    }

    @Test
    void aCarrierEventWithABadSignatureIsRefusedAndChangesNothing() {
        String sku = store.product("sig", "9.00", 5);
        OrderNumber number = scenario.paidOrder("sig-" + store.id + "@example.org", sku, 1).number();
        Shipment parcel = fulfilment.ship(number, "mondial-relay", "MR" + store.id, null);
        String body = event("evt-sig-" + store.id, "MR" + store.id, "DELIVERED", null);

        for (String signature : new String[] { null, "sha256=00", "nothex", webhook.signature(body + " ") }) {
            HttpResponse<String> refused = carrierEvent("mondial-relay", body, signature);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        assertThat(fulfilment.forOrder(number).orElseThrow().shipments().getFirst().status()).isEqualTo(ShipmentStatus.SHIPPED);
        assertThat(jdbc.sql("SELECT count(*) FROM fulfilment.shipment_event WHERE shipment_id = :id").param("id", parcel.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);

        // Signed, for another carrier's parcel or one that does not exist: not found.
        assertThat(carrierEvent("ups", body, webhook.signature(body)).statusCode()).isEqualTo(404);
        // Signed right: recorded.
        assertThat(carrierEvent("mondial-relay", body, webhook.signature(body)).statusCode()).isEqualTo(200);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void clickAndCollectHandsTheOrderOverOnlyAgainstItsCode() {
        String sku = store.product("retrait", "25.00", 5);
        OrderNumber number = scenario.paidCollectOrder("collect-" + store.id + "@example.org", sku, 1).number();
        assertThatThrownBy(() -> fulfilment.collect(number, "ABCDEF")).isInstanceOf(FulfilmentRefused.class)
                .extracting(e -> ((FulfilmentRefused) e).reason()).isEqualTo("notReady");
        assertThatThrownBy(() -> fulfilment.ship(number, "colissimo", "CC" + store.id, null)).isInstanceOf(FulfilmentRefused.class);

        fulfilment.readyForPickup(number);
        String mail = jdbc.sql("SELECT body_text FROM messaging.message WHERE reference = :n AND template = 'ready-for-pickup'")
                .param("n", number.value()).query(String.class).single();
        String code = jdbc.sql("SELECT pickup_code FROM fulfilment.order_fulfilment WHERE order_number = :n")
                .param("n", number.value()).query(String.class).single();
        assertThat(code).hasSize(Fulfilment.PICKUP_CODE_LENGTH).matches("[A-Z2-9]+");
        assertThat(mail).contains(code).contains("Boucle Bastille");

        String wrong = code.equals("AAAAAA") ? "BBBBBB" : "AAAAAA";
        assertThatThrownBy(() -> fulfilment.collect(number, wrong)).isInstanceOf(FulfilmentRefused.class)
                .extracting(e -> ((FulfilmentRefused) e).reason()).isEqualTo("wrongCode");
        assertThat(fulfilment.forOrder(number).orElseThrow().delivered()).isFalse();
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.PREPARING);

        clock.advance(Duration.ofHours(3));
        Instant handedOver = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        fulfilment.collect(number, " " + code.toLowerCase() + " ");
        assertThat(fulfilment.forOrder(number).orElseThrow().deliveredAt()).isEqualTo(handedOver);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
        assertThatThrownBy(() -> fulfilment.collect(number, code)).isInstanceOf(FulfilmentRefused.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> !FulfilmentEventsProbe.receivedFor(number.value()).isEmpty());
        assertThat(FulfilmentEventsProbe.receivedFor(number.value())).containsExactly(new OrderDelivered(number, handedOver));
    }

    @Test
    void aLateOrderIsFlaggedTheCustomerToldOnceAndMayCancelForAFullRefund() {
        clock.set(Instant.parse("2026-04-06T08:00:00Z"));
        String sku = store.product("retard", "12.00", 5);
        ShippingScenario.Placed placed = scenario.paidOrder("late-" + store.id + "@example.org", sku, 2);
        OrderNumber number = placed.number();
        LocalDate promised = fulfilment.forOrder(number).orElseThrow().promisedDate();
        Money total = orders.find(number).orElseThrow().totals().total();
        assertThat(orders.find(number).orElseThrow().totals().delivery().isPositive()).isTrue();
        fulfilment.ship(number, "colissimo", "LT" + store.id, Map.of(1, 1));
        int available = inventory.stock(sku).orElseThrow().available();

        // Not late yet: the customer cannot cancel for it, the watch does not flag it.
        HttpResponse<String> early = http.postJson("/api/v1/orders/" + number + "/late-cancellation?accessToken=" + placed.accessToken(), "");
        assertThat(early.statusCode()).isEqualTo(400);
        fulfilment.flagLate(1000);
        assertThat(fulfilment.forOrder(number).orElseThrow().lateFlaggedAt()).isNull();

        clock.set(promised.plusDays(1).atTime(9, 0).atZone(Fulfilment.SHOP_ZONE).toInstant());
        fulfilment.flagLate(1000);
        fulfilment.flagLate(1000);
        assertThat(fulfilment.forOrder(number).orElseThrow().lateFlaggedAt()).isEqualTo(clock.instant());
        assertThat(fulfilment.lateOrders(number.value())).extracting(OrderFulfilment::number).contains(number);
        assertThat(templates(number).stream().filter("delivery-late"::equals)).hasSize(1);
        String mail = jdbc.sql("SELECT body_text FROM messaging.message WHERE reference = :n AND template = 'delivery-late'")
                .param("n", number.value()).query(String.class).single();
        assertThat(mail).contains("/commande/" + number + "?t=" + placed.accessToken()).contains("L216-6");

        // A wrong token finds nothing.
        assertThat(http.postJson("/api/v1/orders/" + number + "/late-cancellation?accessToken=wrong", "").statusCode()).isEqualTo(404);
        HttpResponse<String> cancelled = http.postJson("/api/v1/orders/" + number + "/late-cancellation?accessToken=" + placed.accessToken(), "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(201);
        JsonNode answer = json.readTree(cancelled.body());
        assertThat(answer.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(new java.math.BigDecimal(answer.get("refunded").get("amount").asString())).isEqualByComparingTo(total.amount());
        assertThat(LocalDate.parse(answer.get("refundDueBy").asString())).isEqualTo(fulfilment.today().plusDays(14));

        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(inventory.stock(sku).orElseThrow().available()).as("the unit not shipped is back in stock").isEqualTo(available + 1);
        List<Refund> refunds = payments.refunds(number.value());
        assertThat(refunds).isNotEmpty().allMatch(refund -> !refund.failed());
        assertThat(refunds.stream().map(Refund::amount).reduce(Money::plus).orElseThrow()).isEqualTo(total);
        OrderFulfilment after = fulfilment.forOrder(number).orElseThrow();
        assertThat(after.lateCancelledAt()).isNotNull();
        assertThat(after.refundDueBy()).isEqualTo(fulfilment.today().plusDays(14));
        assertThat(fulfilment.lateOrders(number.value())).extracting(OrderFulfilment::number).doesNotContain(number);
        // Asked again: no second refund.
        HttpResponse<String> again = http.postJson("/api/v1/orders/" + number + "/late-cancellation?accessToken=" + placed.accessToken(), "");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("refunded already");
        assertThat(payments.refunds(number.value())).hasSameSizeAs(refunds);
    }

    @Test
    void shippingNoticesAlsoGoBySmsWhenTheCustomerGaveANumber() {
        String sku = store.product("sms", "11.00", 5);
        OrderNumber number = scenario.paidOrder("sms-" + store.id + "@example.org", sku, 1).number();
        assertThatThrownBy(() -> fulfilment.smsPhone(number, "pas un numéro")).isInstanceOf(FulfilmentRefused.class);
        fulfilment.smsPhone(number, "06 12 34 56 78");
        fulfilment.ship(number, "ups", "1Z" + store.id, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM messaging.message WHERE reference = :n AND channel = 'SMS' AND status = 'LOGGED'")
                .param("n", number.value()).query(Long.class).single() == 1);
        String text = jdbc.sql("SELECT body_text FROM messaging.message WHERE reference = :n AND channel = 'SMS'")
                .param("n", number.value()).query(String.class).single();
        assertThat(text).contains(number.value()).contains("ups.com/track").contains("1Z" + store.id);
        assertThat(jdbc.sql("SELECT recipient FROM messaging.message WHERE reference = :n AND channel = 'SMS'")
                .param("n", number.value()).query(String.class).single()).isEqualTo("+33612345678");
    }

    // Helpers

    private static String event(String id, String tracking, String status, String at) {
        return "{\"eventId\": \"%s\", \"trackingNumber\": \"%s\", \"status\": \"%s\"%s}".formatted(id, tracking, status,
                at == null ? "" : ", \"occurredAt\": \"" + at + "\"");
    }

    private HttpResponse<String> carrierEvent(String carrier, String body, String signature) {
        return signature == null ? http.postJson("/api/v1/carriers/" + carrier + "/events", body)
                : http.postJson("/api/v1/carriers/" + carrier + "/events", body, CarrierWebhook.HEADER, signature);
    }

    private List<String> templates(OrderNumber number) {
        return jdbc.sql("SELECT template FROM messaging.message WHERE reference = :n AND channel = 'EMAIL' ORDER BY created_at")
                .param("n", number.value()).query(String.class).list();
    }

    private long shipments(OrderNumber number) {
        return jdbc.sql("SELECT count(*) FROM fulfilment.shipment WHERE order_number = :n").param("n", number.value())
                .query(Long.class).single();
    }

    @SuppressWarnings("unused")
    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
