package io.boucle.pricing;

import java.util.List;
import java.util.Map;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductPublished;
import io.boucle.shared.Money;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps the price history up to date with what the catalog publishes. */
@Component
class ProductPrices {

    private final Catalog catalog;
    private final Pricing pricing;

    ProductPrices(Catalog catalog, Pricing pricing) {
        this.catalog = catalog;
        this.pricing = pricing;
    }

    @ApplicationModuleListener
    void on(ProductPublished event) {
        catalog.findBySlug(event.slug(), true).ifPresent(product -> {
            List<Map.Entry<String, Money>> prices = product.variants().stream()
                    .map(variant -> Map.entry(variant.sku(), variant.price())).toList();
            pricing.recordPrices(prices, event.publishedAt());
        });
    }
}
