package io.boucle.community;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderNumber;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Paid orders feed the product pages' "bought together". */
@IntegrationTest
class CoPurchasesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    CoPurchases coPurchases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    StoreFixtures store;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @Test
    void aPaidOrderCountsEachPairOfItsProductsOnceEvenWhenItsEventComesAgain() {
        String tent = store.product("tente", "120.00", 10);
        String sleepingBag = store.product("duvet", "60.00", 10);
        String lamp = store.product("lanterne", "20.00", 10);
        String mat = store.product("matelas", "40.00", 10);

        String first = paidOrder(tent, sleepingBag, lamp);
        String second = paidOrder(tent, lamp);

        assertThat(count(tent, sleepingBag)).isEqualTo(1);
        assertThat(count(sleepingBag, tent)).as("both ways").isEqualTo(1);
        assertThat(count(tent, lamp)).isEqualTo(2);
        assertThat(count(lamp, sleepingBag)).isEqualTo(1);
        assertThat(count(tent, mat)).isZero();

        coPurchases.record(new OrderNumber(first));
        coPurchases.record(new OrderNumber(second));
        assertThat(count(tent, sleepingBag)).as("an order counts once").isEqualTo(1);
        assertThat(count(tent, lamp)).isEqualTo(2);

        String page = http.get("/p/" + slug(tent)).body();
        String together = page.substring(page.indexOf("id=\"together\""));
        assertThat(together.indexOf("Article lanterne")).as("most often bought together first").isPositive()
                .isLessThan(together.indexOf("Article duvet"));
        assertThat(together.indexOf("Article duvet")).as("then the same category fills the list")
                .isLessThan(together.indexOf("Article matelas"));
    }

    @Test
    void anOrderOfOneProductCountsNothingButIsRemembered() {
        String kettle = store.product("bouilloire", "30.00", 10);

        String number = paidOrder(kettle);

        assertThat(jdbc.sql("SELECT count(*) FROM catalog.bought_together t JOIN catalog.product p ON p.id = t.product_id "
                + "WHERE p.slug = :slug").param("slug", slug(kettle)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM community.co_purchase_order WHERE order_number = :n").param("n", number)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void productsGoneFromTheCatalogAreLeftOut() {
        String cup = slug(store.product("tasse", "9.00", 10));
        String saucer = slug(store.product("soucoupe", "6.00", 10));

        catalog.recordBoughtTogether(List.of(cup, "gone-" + store.id, saucer, cup));

        assertThat(count(cup, saucer)).isEqualTo(1);
        assertThat(count(saucer, cup)).isEqualTo(1);
    }

    /** An order of one unit of each SKU, paid by card, once its co-purchases are counted; returns its number. */
    private String paidOrder(String... skus) {
        String cart = store.readyCart(skus[0], 1);
        for (int i = 1; i < skus.length; i++) {
            HttpResponse<String> added = store.addLine(cart, skus[i], 1);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        }
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = store.read(placed).get("order").get("number").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM community.co_purchase_order WHERE order_number = :n").param("n", number)
                .query(Long.class).single() == 1);
        return number;
    }

    private long count(String sku, String otherSku) {
        return jdbc.sql("""
                        SELECT coalesce(max(t.count), 0) FROM catalog.bought_together t
                        JOIN catalog.product a ON a.id = t.product_id JOIN catalog.product b ON b.id = t.other_id
                        WHERE a.slug = :a AND b.slug = :b
                        """)
                .param("a", slug(sku)).param("b", slug(otherSku)).query(Long.class).single();
    }

    private static String slug(String sku) {
        return sku.toLowerCase(Locale.ROOT);
    }
}
