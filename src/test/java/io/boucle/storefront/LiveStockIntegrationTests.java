package io.boucle.storefront;

import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Product details are kept in memory; stock levels never are: every page shows them as they are now. */
@IntegrationTest
class LiveStockIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Test
    void stockChangesShowOnTheNextPageOfTheProductAndOfItsNeighbours() {
        Http http = new Http(port);
        String category = "stock-" + id;
        catalog.addCategory(category, null, 0, LocalizedText.of("Stock " + id, "Stock " + id), LocalizedText.of("", ""));
        String slug = add(category, "Lampe", 5);
        String neighbour = add(category, "Abat-jour", 1);

        assertThat(http.get("/p/" + slug).body()).contains("En stock");
        assertThat(http.get("/c/" + category).body()).doesNotContain("class=\"stock-out\"");

        inventory.setOnHand("SKU-" + slug, 2);
        inventory.setOnHand("SKU-" + neighbour, 0);

        String page = http.get("/p/" + slug).body();
        assertThat(page).contains("Plus que 2 en stock");
        assertThat(page).as("the neighbour's card, among the products shown with it").contains("<p class=\"stock-out\">Épuisé</p>");
        assertThat(http.get("/c/" + category).body()).contains("<p class=\"stock-out\">Épuisé</p>");

        inventory.setOnHand("SKU-" + slug, 0);
        assertThat(http.get("/p/" + slug).body()).contains("<p class=\"stock-out\">Épuisé</p>").doesNotContain("Plus que");
    }

    private String add(String category, String title, int onHand) {
        String slug = title.toLowerCase().replaceAll("[^a-z]", "") + "-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of(title, title), LocalizedText.of("Belle.", "Nice."),
                List.of(new NewProduct.NewVariant("SKU-" + slug, null, Money.euros("20.00"), null, null)), List.of(), null, false, true));
        inventory.setOnHand("SKU-" + slug, onHand);
        return slug;
    }
}
