package io.boucle.storefront;

import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.pricing.Pricing;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ReferencePriceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Pricing pricing;

    @Autowired
    Clock clock;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aReducedProductShowsItsReferencePriceOfTheLast30Days() {
        String slug = product("40.00", "45.00", "60.00");

        String page = new Http(port).get("/p/" + slug).body();

        assertThat(page).contains("Prix de référence :").contains("<s>45,00").contains("(−11 %)");
        assertThat(page).doesNotContain("60,00");
        String english = new Http(port).get("/p/" + slug + "?lang=en").body();
        assertThat(english).contains("Reference price:").contains("<s>€45.00</s>").contains("(−11%)");
    }

    @Test
    void aProductWithoutAnEarlierHigherPriceShowsNoReduction() {
        String slug = product("40.00", "39.00", "35.00");

        assertThat(new Http(port).get("/p/" + slug).body()).doesNotContain("Prix de référence");
    }

    /** A published product sold at {@code price}, that cost {@code before} 10 days ago and {@code longBefore} 25 days ago. */
    private String product(String price, String before, String longBefore) {
        String slug = "reduit-" + id;
        String sku = "RED-" + id;
        Instant now = Instant.now(clock);
        pricing.recordPrice(sku, Money.euros(longBefore), now.minus(Duration.ofDays(25)));
        pricing.recordPrice(sku, Money.euros(before), now.minus(Duration.ofDays(10)));
        String category = "reductions-" + id;
        catalog.addCategory(category, null, 99, LocalizedText.of("Réductions", "Reductions"), LocalizedText.of("", ""));
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Lampe " + id, "Lamp " + id),
                LocalizedText.of("Une lampe.", "A lamp."), List.of(new NewProduct.NewVariant(sku, null, Money.euros(price), 900, null)),
                List.of(), null, false, true));
        pricing.recordPrice(sku, Money.euros(price), now);
        return slug;
    }
}
