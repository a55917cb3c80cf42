package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.LocationKind;
import io.boucle.inventory.NewLocation;
import io.boucle.inventory.StockByLocation;
import io.boucle.inventory.StockLevel;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class StockPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    StoreFixtures store;
    Http http;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        store = new StoreFixtures(new Http(port), json, catalog);
        http = new Http(port);
    }

    @Test
    void theListShowsLevelsAndKeepsToLowOrSoldOutStock() {
        String plenty = store.product("beaucoup", "9.00", 12);
        String low = store.product("peu", "9.00", 1);
        String none = store.product("rien", "9.00", 0);
        logins.signIn(http, Role.MANAGER);

        String all = http.get("/admin/stock?q=" + store.id).body();
        assertThat(all.split("<head>", -1)).as("one head element").hasSize(2);
        assertThat(all).contains("3 références").contains(plenty).contains(low).contains(none).contains("Article beaucoup")
                .contains("Épuisé").contains("Stock bas");
        assertThat(all.indexOf(none)).as("the lowest first").isLessThan(all.indexOf(low));
        assertThat(all.indexOf(low)).isLessThan(all.indexOf(plenty));

        String lowOnly = http.get("/admin/stock?filter=LOW&q=" + store.id).body();
        assertThat(lowOnly).contains("2 références").contains(low).contains(none).doesNotContain(plenty);
        String soldOut = http.get("/admin/stock?filter=SOLD_OUT&q=" + store.id).body();
        assertThat(soldOut).contains("1 référence").contains(none).doesNotContain(low);
        String byTitle = http.get("/admin/stock?q=Article%20beaucoup").body();
        assertThat(byTitle).contains(plenty);
    }

    @Test
    void anAdjustmentOrACountIsWrittenInTheLedger() {
        String sku = store.product("compte", "9.00", 5);
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/stock/" + sku).body();
        assertThat(page).contains("Stock de " + sku).contains("Article compte").contains("Inventaire");

        HttpResponse<String> added = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "delta", "value", "+3", "reason", "Livraison fournisseur");
        assertThat(added.statusCode()).isEqualTo(302);
        HttpResponse<String> counted = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "count", "value", "6", "reason", "Inventaire de printemps");
        assertThat(counted.statusCode()).isEqualTo(302);

        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 6, 0));
        String after = http.get("/admin/stock/" + sku).body();
        assertThat(after).contains("+3").contains("Livraison fournisseur").contains("-2").contains("Inventaire de printemps")
                .contains("Correction");
        assertThat(jdbc.sql("SELECT reason || ':' || delta || ':' || coalesce(note, '') FROM inventory.movement WHERE sku = :sku ORDER BY id")
                .param("sku", sku).query(String.class).list())
                .containsExactly("COUNT:5:", "ADJUSTMENT:3:Livraison fournisseur", "COUNT:-2:Inventaire de printemps");
    }

    @Test
    void badAdjustmentsComeBackWithTheirMessageAndChangeNothing() {
        String sku = store.product("faux", "9.00", 2);
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/stock/" + sku).body();

        HttpResponse<String> tooMany = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "delta", "value", "-3", "reason", "Casse");
        HttpResponse<String> noReason = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "delta", "value", "4", "reason", " ");
        HttpResponse<String> notANumber = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "count", "value", "dix", "reason", "Inventaire");
        HttpResponse<String> negativeCount = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "count", "value", "-1", "reason", "Inventaire");

        assertThat(tooMany.statusCode()).isEqualTo(200);
        assertThat(tooMany.body()).contains("Rien n&#39;a été modifié").contains("only 2 of").contains("value=\"-3\"")
                .contains("value=\"Casse\"");
        assertThat(noReason.body()).contains("Le motif est obligatoire");
        assertThat(notANumber.body()).contains("La quantité doit être un nombre entier").contains("value=\"dix\"");
        assertThat(negativeCount.body()).contains("cannot be negative");
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 2, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.movement WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theLowStockThresholdIsSetPerSku() {
        String sku = store.product("seuil", "9.00", 4);
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/stock/" + sku).body();

        assertThat(post("/admin/stock/" + sku + "/threshold", page, "threshold", "5").statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/stock/" + sku).body()).contains("Seuil d&#39;alerte fixé à 5.").contains("Stock bas");
        assertThat(inventory.stock(sku).orElseThrow().lowStockThreshold()).isEqualTo(5);

        HttpResponse<String> refused = post("/admin/stock/" + sku + "/threshold", page, "threshold", "-4");
        assertThat(refused.body()).contains("Le seuil d&#39;alerte doit être un nombre entier");
        assertThat(inventory.stock(sku).orElseThrow().lowStockThreshold()).isEqualTo(5);
    }

    @Test
    void onlyOwnersAndManagersSeeTheStockAndFormsNeedTheirCsrfToken() {
        String sku = store.product("garde", "9.00", 4);
        assertThat(new Http(port).get("/admin/stock").statusCode()).as("signed out").isEqualTo(302);
        logins.signIn(http, Role.SUPPORT);
        assertThat(http.get("/admin/stock").statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/stock/" + sku).statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/locations").statusCode()).isEqualTo(403);

        http = new Http(port);
        logins.signIn(http, Role.MANAGER);
        assertThat(http.get("/admin/stock").body()).contains("href=\"/admin/stock\"");
        assertThat(http.postForm("/admin/stock/" + sku + "/adjustments",
                Http.form("mode", "delta", "value", "5", "reason", "Sans jeton")).statusCode()).isEqualTo(403);
        assertThat(http.postForm("/admin/stock/" + sku + "/transfers",
                Http.form("from", "warehouse", "to", "warehouse", "quantity", "1")).statusCode()).isEqualTo(403);
        assertThat(http.postForm("/admin/locations", Http.form("code", "sans-jeton", "name", "X", "kind", "STORE"))
                .statusCode()).isEqualTo(403);
        assertThat(inventory.location("sans-jeton")).isEmpty();
        assertThat(http.get("/admin/stock/NOPE-" + store.id).statusCode()).isEqualTo(404);
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(4);
    }

    @Test
    void locationsAreOpenedFromTheirPageAndABadFormWritesNothing() {
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/locations").body();
        assertThat(page).contains("Emplacements de stock").contains("Entrepôt").contains("Boucle Bastille");
        String code = "bo-" + store.id;

        HttpResponse<String> opened = post("/admin/locations", page, "code", code, "name", "Boutique " + store.id,
                "kind", "STORE", "storeId", "", "sellableOnline", "true");
        HttpResponse<String> badCode = post("/admin/locations", page, "code", "Pas Bon", "name", "X", "kind", "STORE");
        HttpResponse<String> taken = post("/admin/locations", page, "code", code, "name", "X", "kind", "STORE");
        HttpResponse<String> badStore = post("/admin/locations", page, "code", "x-" + store.id, "name", "X", "kind", "STORE",
                "storeId", "atlantide");

        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(inventory.location(code)).hasValueSatisfying(location -> {
            assertThat(location.sellableOnline()).isTrue();
            assertThat(location.name()).isEqualTo("Boutique " + store.id);
        });
        assertThat(http.get("/admin/locations").body()).contains(code).contains("Boutique " + store.id);
        assertThat(badCode.statusCode()).isEqualTo(200);
        assertThat(badCode.body()).contains("Rien n&#39;a été modifié").contains("Le code").contains("value=\"Pas Bon\"");
        assertThat(taken.body()).contains("Le code");
        assertThat(badStore.body()).contains("Choisissez un magasin");
        assertThat(inventory.location("x-" + store.id)).isEmpty();
    }

    @Test
    void theStockIsCountedAdjustedAndMovedPerLocation() {
        String sku = store.product("lieux", "9.00", 6);
        String shop = "bo-shop-" + store.id;
        inventory.createLocation(new NewLocation(shop, "Vitrine " + store.id, LocationKind.STORE, null, false, null));
        String main = inventory.defaultLocation().code();
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/stock/" + sku).body();
        assertThat(page).contains("Par emplacement").contains("Vitrine " + store.id).contains("Transférer");

        HttpResponse<String> counted = post("/admin/stock/" + sku + "/adjustments", page,
                "mode", "count", "value", "2", "reason", "Inventaire vitrine", "location", shop);
        HttpResponse<String> moved = post("/admin/stock/" + sku + "/transfers", page,
                "from", main, "to", shop, "quantity", "3", "note", "Réassort");
        HttpResponse<String> tooMany = post("/admin/stock/" + sku + "/transfers", page,
                "from", main, "to", shop, "quantity", "4", "note", "");
        HttpResponse<String> same = post("/admin/stock/" + sku + "/transfers", page,
                "from", shop, "to", shop, "quantity", "1", "note", "");

        assertThat(counted.statusCode()).isEqualTo(302);
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(tooMany.statusCode()).isEqualTo(200);
        assertThat(tooMany.body()).contains("Rien n&#39;a été modifié").contains("only 3").contains("value=\"4\"");
        assertThat(same.body()).contains("must differ");
        StockByLocation levels = inventory.byLocation(sku).orElseThrow();
        assertThat(levels.at(main)).isEqualTo(3);
        assertThat(levels.at(shop)).isEqualTo(5);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 3, 0));
        String after = http.get("/admin/stock/" + sku).body();
        assertThat(after).contains("Transfert").contains("Réassort").contains("Inventaire vitrine").contains(shop);
        String list = http.get("/admin/stock?q=" + sku).body();
        assertThat(list).contains("Vitrine " + store.id).contains("<td>5</td>");
    }

    private HttpResponse<String> post(String path, String page, String... fields) {
        String[] withCsrf = java.util.Arrays.copyOf(fields, fields.length + 2);
        withCsrf[fields.length] = "_csrf";
        withCsrf[fields.length + 1] = Http.csrfToken(page);
        return http.postForm(path, Http.form(withCsrf));
    }
}
