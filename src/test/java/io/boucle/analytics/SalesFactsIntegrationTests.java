package io.boucle.analytics;

import java.net.http.HttpResponse;
import java.time.Duration;

import java.time.Instant;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.OrderDelivered;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.returns.CustomerReturn;
import io.boucle.returns.Inspection;
import io.boucle.returns.ReturnRequest;
import io.boucle.returns.Returns;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real orders, payments and returns reach the analytics' read models through the modules' events. */
@IntegrationTest
class SalesFactsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Returns returns;

    @Autowired
    Orders orders;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    java.time.Clock clock;

    @Autowired
    TransactionTemplate transactions;

    StoreFixtures store;

    @BeforeEach
    void setUp() {
        store = new StoreFixtures(new Http(port), json, catalog);
    }

    @Test
    void aPaidOrderAndItsPaymentAreRecordedOnceWithAnUnknownChannelWhenNotTracked() {
        String sku = store.product("bol", "12.00", 10);
        HttpResponse<String> placed = store.checkout(store.readyCart(sku, 2), "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = store.read(placed).get("order").get("number").asString();
        String total = store.read(placed).get("order").get("totals").get("total").get("amount").asString();

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM analytics.order_fact WHERE order_number = :n")
                .param("n", number).query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT total::text || '|' || first_channel || '|' || last_channel || '|' || new_customer "
                        + "FROM analytics.order_fact WHERE order_number = :n").param("n", number).query(String.class).single())
                .isEqualTo(new java.math.BigDecimal(total).setScale(2) + "|unknown|unknown|true");
        assertThat(jdbc.sql("SELECT sum(quantity) FROM analytics.order_line_fact WHERE order_number = :n").param("n", number)
                .query(Long.class).single()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) FROM analytics.payment_fact p WHERE p.captured AND p.payment_id IN (
                    SELECT id::text FROM payment.payment WHERE reference = :n)""").param("n", number).query(Long.class).single() == 1);
    }

    @Test
    void aDeclinedPaymentIsRecordedWithItsReason() {
        String sku = store.product("assiette", "9.00", 10);
        HttpResponse<String> placed = store.checkout(store.readyCart(sku, 1), "tok_declined", null);
        String number = store.read(placed).get("order").get("number").asString();

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) FROM analytics.payment_fact p WHERE NOT p.captured AND p.decline_code = 'card_declined'
                AND p.payment_id IN (SELECT id::text FROM payment.payment WHERE reference = :n)""").param("n", number)
                .query(Long.class).single() == 1);
    }

    @Test
    void anAcceptedReturnIsRecordedOnceWithItsUnitsAndARefusedOneNot() {
        String sku = store.product("cruche", "18.00", 10);
        HttpResponse<String> placed = store.checkout(store.readyCart(sku, 3), "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        OrderView order = await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                found -> found.paidAt() != null);
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderDelivered(number, Instant.now(clock))));
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.deliveredAt(number).isPresent());

        CustomerReturn refused = returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(sku, null, 1)), null),
                "WEB", null);
        returns.inspect(refused.id(), List.of(new Inspection(1, false, null, "worn")), "staff@test");
        CustomerReturn accepted = returns.withdraw(order, new ReturnRequest(List.of(new ReturnRequest.Item(sku, null, 2)), null),
                "WEB", null);
        returns.inspect(accepted.id(), List.of(new Inspection(1, true, Condition.NEW_WITH_TAGS, null)), "staff@test");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM analytics.return_fact WHERE order_number = :n")
                .param("n", number.value()).query(Long.class).single() == 1);
        assertThat(jdbc.sql("SELECT return_id || '|' || kind || '|' || units FROM analytics.return_fact WHERE order_number = :n")
                .param("n", number.value()).query(String.class).single()).isEqualTo(accepted.id() + "|withdrawal|2");
    }
}
