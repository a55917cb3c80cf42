package io.boucle.storefront;

import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.Location;
import io.boucle.inventory.LocationKind;
import io.boucle.inventory.NewLocation;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The product page tells which click-and-collect stores have the product on their shelves. */
@IntegrationTest
class StoreStockIntegrationTests {

    /** One of the example stores every new shop has. */
    static final String STORE = "lyon-part-dieu";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Test
    void theProductPageNamesTheStoresHoldingTheProduct() {
        String category = "magasin-" + id;
        catalog.addCategory(category, null, 0, LocalizedText.of("Magasin " + id, "Store " + id), LocalizedText.of("", ""));
        String slug = "bougie-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Bougie", "Candle"),
                LocalizedText.of("Douce.", "Soft."),
                List.of(new NewProduct.NewVariant("SKU-" + slug, null, Money.euros("12.00"), null, null)), List.of(), null,
                false, true));
        String sku = "SKU-" + slug;
        inventory.setOnHand(sku, 4);
        Location shelves = inventory.locations().stream().filter(location -> STORE.equals(location.storeId())).findFirst()
                .orElseGet(() -> inventory.createLocation(new NewLocation("part-dieu-" + id, "Part-Dieu", LocationKind.STORE,
                        STORE, false, null)));
        Http http = new Http(port);

        assertThat(http.get("/p/" + slug).body()).doesNotContain("Disponible en magasin");

        inventory.adjustAt(sku, shelves.code(), 2, "Réception magasin");

        String page = http.get("/p/" + slug).body();
        assertThat(page).contains("Disponible en magasin").contains("Boucle Part-Dieu").contains("Lyon");
        assertThat(inventory.inStores(List.of(sku))).containsEntry(STORE, java.util.Map.of(sku, 2));
        assertThat(http.get("/p/" + slug + "?lang=en").body()).contains("Available in store");

        inventory.adjustAt(sku, shelves.code(), -2, "Vendu en magasin");
        assertThat(http.get("/p/" + slug).body()).doesNotContain("Disponible en magasin");
        assertThat(inventory.stock(sku).orElseThrow().onHand()).as("a store's own shelves are not sold online").isEqualTo(4);
    }
}
