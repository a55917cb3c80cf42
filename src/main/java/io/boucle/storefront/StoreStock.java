package io.boucle.storefront;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.boucle.catalog.ProductDetails;
import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.PickupPoint;
import io.boucle.inventory.Inventory;
import org.springframework.stereotype.Component;

/**
 * Which click-and-collect stores have a product on their own shelves, for the product page; templates
 * reach it as {@code @storeStock}.
 */
@Component("storeStock")
public class StoreStock {

    /**
     * A store holding the product.
     *
     * @param variants the titles of the variants it holds (all of them when the product has one)
     */
    public record InStore(String name, String city, List<String> variants) {
    }

    private final Inventory inventory;
    private final Delivery delivery;

    StoreStock(Inventory inventory, Delivery delivery) {
        this.inventory = inventory;
        this.delivery = delivery;
    }

    /** The active stores holding at least one unit of one of the product's variants, in the merchant's order. */
    public List<InStore> of(ProductDetails product, Locale locale) {
        Map<String, Map<String, Integer>> held = inventory.inStores(product.variants().stream()
                .map(ProductDetails.Variant::sku).toList());
        if (held.isEmpty()) {
            return List.of();
        }
        List<InStore> stores = new ArrayList<>();
        for (PickupPoint store : delivery.stores()) {
            Map<String, Integer> skus = held.get(store.id());
            if (skus != null) {
                stores.add(new InStore(store.name(), store.city(), product.variants().stream()
                        .filter(variant -> skus.containsKey(variant.sku()))
                        .map(variant -> variant.title().in(locale)).toList()));
            }
        }
        return stores;
    }
}
