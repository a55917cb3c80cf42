package io.boucle.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AdminInventoryApiIntegrationTests {

    static final String OWNER = "Bearer " + StoreFixtures.OWNER_TOKEN;
    static final String PATH = "/api/v1/admin/inventory";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcClient jdbc;

    Http http;
    StoreFixtures store;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @Test
    void listsStockLowestFirstWithLowAndSoldOutFilters() {
        String plenty = store.product("plein", "10.00", 9);
        String low = store.product("bas", "10.00", 2);
        String none = store.product("vide", "10.00", 0);

        JsonNode all = list("?q=" + store.id);
        assertThat(skus(all)).containsExactly(none, low, plenty);
        JsonNode first = all.get("items").get(0);
        assertThat(first.get("title").asString()).isEqualTo("Article vide");
        assertThat(first.get("soldOut").asBoolean()).isTrue();
        assertThat(first.get("low").asBoolean()).isTrue();
        assertThat(all.get("items").get(2).get("available").asInt()).isEqualTo(9);
        assertThat(all.get("items").get(2).get("lowStockThreshold").asInt()).isEqualTo(2);

        assertThat(skus(list("?q=" + store.id + "&filter=low"))).containsExactly(none, low);
        assertThat(skus(list("?q=" + store.id + "&filter=sold-out"))).containsExactly(none);
        assertThat(skus(list("?q=" + store.id + "&size=1&page=2"))).containsExactly(plenty);
        assertThat(list("?filter=low&size=100").get("items").size()).isPositive();
        assertField(http.get(PATH + "?filter=empty", "Authorization", OWNER), "filter");
        assertField(http.get(PATH + "?size=500", "Authorization", OWNER), "size");
    }

    @Test
    void findsStockByTheProductsTitle() {
        String slug = "titre-" + store.id;
        String sku = "TTL-" + store.id.toUpperCase(Locale.ROOT);
        HttpResponse<String> created = http.postJson("/api/v1/admin/products", """
                {"slug": "%s", "title": "Théière en fonte %s", "category": "ck-%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "39.00", "currency": "EUR"}, "stock": 3}]}
                """.formatted(slug, store.id, store.id, sku), "Authorization", OWNER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode found = list("?q=fonte%20" + store.id);

        assertThat(skus(found)).containsExactly(sku);
        assertThat(found.get("items").get(0).get("productSlug").asString()).isEqualTo(slug);
    }

    @Test
    void anAdjustmentIsWrittenInTheLedgerWithItsReason() {
        String sku = store.product("ajuste", "15.00", 5);

        HttpResponse<String> added = adjust(sku, "{\"delta\": 4, \"reason\": \"Livraison fournisseur\"}");
        HttpResponse<String> removed = adjust(sku, "{\"delta\": -2, \"reason\": \"Casse\"}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode body = json.readTree(added.body());
        assertThat(body.get("stock").get("onHand").asInt()).isEqualTo(9);
        assertThat(body.get("movement").get("delta").asInt()).isEqualTo(4);
        assertThat(body.get("movement").get("reason").asString()).isEqualTo("ADJUSTMENT");
        assertThat(body.get("movement").get("note").asString()).isEqualTo("Livraison fournisseur");
        assertThat(removed.statusCode()).isEqualTo(201);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 7, 0));

        HttpResponse<String> ledger = http.get(PATH + "/" + sku + "/movements", "Authorization", OWNER);
        assertThat(ledger.statusCode()).isEqualTo(200);
        JsonNode movements = json.readTree(ledger.body());
        assertThat(movements.get("total").asLong()).isEqualTo(3);
        assertThat(movements.get("items").get(0).get("note").asString()).isEqualTo("Casse");
        assertThat(movements.get("items").get(0).get("onHand").asInt()).isEqualTo(7);
        assertThat(movements.get("items").get(1).get("delta").asInt()).isEqualTo(4);
        assertThat(movements.get("items").get(2).get("reason").asString()).as("the first count").isEqualTo("COUNT");
    }

    @Test
    void badAdjustmentsAre400AndChangeNothing() {
        String sku = store.product("refuse", "15.00", 3);

        assertField(adjust(sku, "{\"delta\": -4, \"reason\": \"Inventaire\"}"), "delta")
                .contains("only 3");
        assertField(adjust(sku, "{\"delta\": 2, \"reason\": \"  \"}"), "reason");
        assertField(adjust(sku, "{\"delta\": 2}"), "reason");
        assertField(adjust(sku, "{\"delta\": 0, \"reason\": \"Rien\"}"), "delta");
        assertField(adjust(sku, "{\"reason\": \"Rien\"}"), "delta");
        assertThat(adjust(sku, "{\"delta\": \"beaucoup\", \"reason\": \"Rien\"}").statusCode()).isEqualTo(400);
        assertThat(adjust("NOPE-" + store.id, "{\"delta\": 1, \"reason\": \"Rien\"}").statusCode()).isEqualTo(404);

        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 3, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.movement WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single()).as("only the first count").isEqualTo(1);
    }

    @Test
    void stockHeldForAnOrderCannotBeRemovedAndSaysSo() {
        String sku = store.product("tenu", "15.00", 2);
        String cart = store.readyCart(sku, 2);
        assertThat(store.checkout(cart, "tok_declined", null).statusCode()).isEqualTo(201);

        HttpResponse<String> adjusted = adjust(sku, "{\"delta\": -1, \"reason\": \"Casse\"}");
        HttpResponse<String> counted = put(sku, "{\"onHand\": 1}");

        assertThat(adjusted.statusCode()).isEqualTo(409);
        assertThat(json.readTree(adjusted.body()).get("detail").asString()).contains("reserved for orders");
        assertThat(counted.statusCode()).isEqualTo(409);
        assertThat(json.readTree(counted.body()).get("detail").asString()).contains("reserved for orders");

        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 2, 2));
    }

    @Test
    void aCountAndAThresholdAreSetTogetherOrNotAtAll() {
        String sku = store.product("seuil", "15.00", 5);

        HttpResponse<String> set = put(sku, "{\"onHand\": 8, \"lowStockThreshold\": 10, \"reason\": \"Inventaire annuel\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode stock = json.readTree(set.body());
        assertThat(stock.get("onHand").asInt()).isEqualTo(8);
        assertThat(stock.get("lowStockThreshold").asInt()).isEqualTo(10);
        assertThat(stock.get("low").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT note FROM inventory.movement WHERE sku = :sku ORDER BY id DESC LIMIT 1").param("sku", sku)
                .query(String.class).single()).isEqualTo("Inventaire annuel");

        assertField(put(sku, "{\"onHand\": 3, \"lowStockThreshold\": -1}"), "lowStockThreshold");
        assertField(put(sku, "{}"), "onHand");
        JsonNode unchanged = json.readTree(http.get(PATH + "/" + sku, "Authorization", OWNER).body());
        assertThat(unchanged.get("onHand").asInt()).isEqualTo(8);
        assertThat(unchanged.get("lowStockThreshold").asInt()).isEqualTo(10);

        assertThat(put(sku, "{\"lowStockThreshold\": 1}").statusCode()).isEqualTo(200);
        assertThat(inventory.stock(sku).orElseThrow().lowStockThreshold()).isEqualTo(1);
    }

    @Test
    void everyEndpointNeedsAnOwnerOrManagerToken() {
        String sku = store.product("garde", "15.00", 5);
        String support = "Bearer " + token(Role.SUPPORT);
        String manager = "Bearer " + token(Role.MANAGER);

        assertThat(http.get(PATH).statusCode()).isEqualTo(401);
        assertThat(http.get(PATH + "/" + sku + "/movements").statusCode()).isEqualTo(401);
        assertThat(http.postJson(PATH + "/" + sku + "/adjustments", "{\"delta\": 1, \"reason\": \"x\"}").statusCode()).isEqualTo(401);
        assertThat(http.get(PATH, "Authorization", support).statusCode()).isEqualTo(403);
        assertThat(http.get(PATH + "/" + sku + "/movements", "Authorization", support).statusCode()).isEqualTo(403);
        assertThat(http.postJson(PATH + "/" + sku + "/adjustments", "{\"delta\": 1, \"reason\": \"x\"}", "Authorization", support)
                .statusCode()).isEqualTo(403);
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(5);

        assertThat(http.postJson(PATH + "/" + sku + "/adjustments", "{\"delta\": 1, \"reason\": \"Retrouvé\"}",
                "Authorization", manager).statusCode()).isEqualTo(201);
        assertThat(http.get(PATH + "/" + sku, "Authorization", manager).statusCode()).isEqualTo(200);
    }

    @Test
    void stockIsKeptPerLocationAndWhatIsSoldOnlineFollows() {
        String sku = store.product("lieux", "15.00", 5);
        String shop = "api-shop-" + store.id;
        String back = "api-back-" + store.id;
        assertThat(createLocation("""
                {"code": "%s", "name": "Boutique %s", "kind": "STORE", "sellableOnline": true}""".formatted(shop, store.id))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> opened = createLocation("""
                {"code": "%s", "name": "Réserve %s", "kind": "warehouse", "sellableOnline": false}""".formatted(back, store.id));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(json.readTree(opened.body()).get("kind").asString()).isEqualTo("WAREHOUSE");

        HttpResponse<String> counted = putAt(sku, shop, "{\"onHand\": 3, \"reason\": \"Inventaire boutique\"}");
        HttpResponse<String> received = http.postJson(PATH + "/" + sku + "/locations/" + back + "/adjustments",
                "{\"delta\": 4, \"reason\": \"Réception\"}", "Authorization", OWNER);
        HttpResponse<String> defaultCount = put(sku, "{\"onHand\": 6}");

        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(json.readTree(counted.body()).get("onHand").asInt()).isEqualTo(8);
        assertThat(received.statusCode()).as(received.body()).isEqualTo(201);
        assertThat(json.readTree(received.body()).get("movement").get("location").asString()).isEqualTo(back);
        assertThat(json.readTree(received.body()).get("stock").get("onHand").asInt()).as("not sold online").isEqualTo(8);
        assertThat(defaultCount.statusCode()).isEqualTo(200);
        JsonNode stock = json.readTree(http.get(PATH + "/" + sku, "Authorization", OWNER).body());
        assertThat(stock.get("onHand").asInt()).as("the default location's 6 and the shop's 3").isEqualTo(9);
        assertThat(level(stock, inventory.defaultLocation().code())).isEqualTo(6);
        assertThat(level(stock, shop)).isEqualTo(3);
        assertThat(level(stock, back)).isEqualTo(4);
        JsonNode locations = json.readTree(http.get(PATH + "/locations", "Authorization", OWNER).body());
        List<String> codes = new ArrayList<>();
        locations.forEach(location -> codes.add(location.get("code").asString()));
        assertThat(codes).contains(inventory.defaultLocation().code(), shop, back);
    }

    @Test
    void aTransferMovesUnitsBetweenLocationsWithTwoLedgerLines() {
        String sku = store.product("transfert", "15.00", 5);
        String back = "api-tr-" + store.id;
        String main = inventory.defaultLocation().code();
        assertThat(createLocation("""
                {"code": "%s", "name": "Réserve %s", "kind": "STORE", "sellableOnline": false}""".formatted(back, store.id))
                .statusCode()).isEqualTo(201);

        HttpResponse<String> moved = http.postJson(PATH + "/transfers", """
                {"sku": "%s", "from": "%s", "to": "%s", "quantity": 2, "note": "Vitrine de Noël"}""".formatted(sku, main, back),
                "Authorization", OWNER);

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        JsonNode body = json.readTree(moved.body());
        String reference = body.get("reference").asString();
        assertThat(body.get("stock").get("onHand").asInt()).isEqualTo(3);
        assertThat(level(body.get("stock"), back)).isEqualTo(2);
        JsonNode ledger = json.readTree(http.get(PATH + "/" + sku + "/movements", "Authorization", OWNER).body());
        assertThat(ledger.get("items").get(0).get("reference").asString()).isEqualTo(reference);
        assertThat(ledger.get("items").get(0).get("location").asString()).isEqualTo(back);
        assertThat(ledger.get("items").get(0).get("locationOnHand").asInt()).isEqualTo(2);
        assertThat(ledger.get("items").get(1).get("location").asString()).isEqualTo(main);
        assertThat(ledger.get("items").get(1).get("delta").asInt()).isEqualTo(-2);
        assertThat(ledger.get("items").get(1).get("reason").asString()).isEqualTo("TRANSFER");
    }

    @Test
    void badLocationRequestsAre400AndWriteNothing() {
        String sku = store.product("lieu-refus", "15.00", 3);
        String back = "api-bad-" + store.id;
        String main = inventory.defaultLocation().code();
        assertThat(createLocation("""
                {"code": "%s", "name": "Réserve", "kind": "STORE", "sellableOnline": false}""".formatted(back)).statusCode())
                .isEqualTo(201);
        int locations = inventory.locations().size();

        assertField(transfer(sku, main, back, 4), "quantity").contains("only 3");
        assertField(transfer(sku, main, main, 1), "to");
        assertField(transfer(sku, main, "nowhere", 1), "to");
        assertField(transfer(sku, main, back, 0), "quantity");
        assertField(transfer("NOPE-" + store.id, main, back, 1), "sku");
        assertField(putAt(sku, back, "{\"onHand\": -1}"), "onHand");
        assertField(putAt(sku, back, "{}"), "onHand");
        assertThat(putAt(sku, "nowhere-" + store.id, "{\"onHand\": 1}").statusCode()).isEqualTo(404);
        assertField(createLocation("{\"code\": \"Pas Bon\", \"name\": \"X\", \"kind\": \"STORE\", \"sellableOnline\": false}"), "code");
        assertField(createLocation("{\"code\": \"%s\", \"name\": \"X\", \"kind\": \"STORE\", \"sellableOnline\": false}"
                .formatted(back)), "code");
        assertField(createLocation("{\"code\": \"k-%s\", \"name\": \"X\", \"kind\": \"CAVE\", \"sellableOnline\": false}"
                .formatted(store.id)), "kind");
        assertField(createLocation("{\"code\": \"s-%s\", \"name\": \"X\", \"kind\": \"STORE\", \"storeId\": \"atlantide\", \"sellableOnline\": false}"
                .formatted(store.id)), "storeId");
        assertField(createLocation("{\"code\": \"n-%s\", \"kind\": \"STORE\", \"sellableOnline\": false}"
                .formatted(store.id)), "name");

        assertThat(inventory.locations()).hasSize(locations);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 3, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.movement WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single()).as("only the first count").isEqualTo(1);
    }

    @Test
    void aSecondHandItemIsUniqueAcrossLocations() {
        String sku = "OCC-" + store.id.toUpperCase(Locale.ROOT);
        HttpResponse<String> created = http.postJson("/api/v1/admin/products", """
                {"slug": "occ-%s", "title": "Théière", "category": "ck-%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "24.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "VERY_GOOD", "purchasePrice": {"amount": "7.00", "currency": "EUR"},
                                "seller": "PRIVATE", "defects": "Un éclat"}}
                """.formatted(store.id, store.id, sku), "Authorization", OWNER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String shop = "occ-" + store.id;
        assertThat(createLocation("""
                {"code": "%s", "name": "Boutique", "kind": "STORE", "sellableOnline": false}""".formatted(shop)).statusCode())
                .isEqualTo(201);

        assertField(putAt(sku, shop, "{\"onHand\": 1}"), "onHand");
        assertThat(transfer(sku, inventory.defaultLocation().code(), shop, 1).statusCode()).isEqualTo(201);
        assertField(put(sku, "{\"onHand\": 1}"), "onHand");

        assertThat(inventory.byLocation(sku).orElseThrow().everywhere()).isEqualTo(1);
        assertThat(inventory.byLocation(sku).orElseThrow().at(shop)).isEqualTo(1);
    }

    @Test
    void theLocationEndpointsNeedAnOwnerOrManagerToken() {
        String sku = store.product("lieu-garde", "15.00", 5);
        String support = "Bearer " + token(Role.SUPPORT);
        String main = inventory.defaultLocation().code();
        String location = "{\"code\": \"g-%s\", \"name\": \"X\", \"kind\": \"STORE\", \"sellableOnline\": false}"
                .formatted(store.id);

        assertThat(http.get(PATH + "/locations").statusCode()).isEqualTo(401);
        assertThat(http.postJson(PATH + "/locations", location).statusCode()).isEqualTo(401);
        assertThat(http.postJson(PATH + "/transfers", "{}").statusCode()).isEqualTo(401);
        assertThat(http.get(PATH + "/locations", "Authorization", support).statusCode()).isEqualTo(403);
        assertThat(http.postJson(PATH + "/locations", location, "Authorization", support).statusCode()).isEqualTo(403);
        assertThat(http.postJson(PATH + "/transfers", """
                {"sku": "%s", "from": "%s", "to": "%s", "quantity": 1}""".formatted(sku, main, main), "Authorization", support)
                .statusCode()).isEqualTo(403);
        assertThat(http.send(http.request(PATH + "/" + sku + "/locations/" + main).header("Authorization", support)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\": 9}")).build())
                .statusCode()).isEqualTo(403);
        assertThat(http.postJson(PATH + "/" + sku + "/locations/" + main + "/adjustments", "{\"delta\": 1, \"reason\": \"x\"}",
                "Authorization", support).statusCode()).isEqualTo(403);

        assertThat(inventory.location("g-" + store.id)).isEmpty();
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(5);
    }

    private HttpResponse<String> createLocation(String body) {
        return http.postJson(PATH + "/locations", body, "Authorization", OWNER);
    }

    private HttpResponse<String> transfer(String sku, String from, String to, int quantity) {
        return http.postJson(PATH + "/transfers", """
                {"sku": "%s", "from": "%s", "to": "%s", "quantity": %d}""".formatted(sku, from, to, quantity),
                "Authorization", OWNER);
    }

    private HttpResponse<String> putAt(String sku, String location, String body) {
        return http.send(http.request(PATH + "/" + sku + "/locations/" + location).header("Authorization", OWNER)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static int level(JsonNode stock, String location) {
        for (JsonNode level : stock.get("locations")) {
            if (level.get("location").asString().equals(location)) {
                return level.get("onHand").asInt();
            }
        }
        throw new AssertionError("no level for " + location + " in " + stock);
    }

    private HttpResponse<String> adjust(String sku, String body) {
        return http.postJson(PATH + "/" + sku + "/adjustments", body, "Authorization", OWNER);
    }

    private HttpResponse<String> put(String sku, String body) {
        return http.send(http.request(PATH + "/" + sku).header("Authorization", OWNER)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode list(String query) {
        HttpResponse<String> answer = http.get(PATH + query, "Authorization", OWNER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static List<String> skus(JsonNode page) {
        List<String> skus = new ArrayList<>();
        page.get("items").forEach(item -> skus.add(item.get("sku").asString()));
        return skus;
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertField(HttpResponse<String> answer, String field) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).contains(field);
        return assertThat(problem.get("detail").asString());
    }

    private String token(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("stock-" + store.id + "-" + role.name().toLowerCase(Locale.ROOT)
                + "@boucle.test"), "Staff " + role, "a-long-enough-password", Set.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }
}
