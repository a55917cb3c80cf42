package io.boucle.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.boucle.shared.DemoSeeder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop's stock levels, read from the variants of the demo catalog (low and zero stock
 * included), all in the default warehouse; and the shelves of the two example click-and-collect
 * stores, which hold a few new items of their own (not sold online).
 */
@Component
class DemoStock implements DemoSeeder {

    record Variant(String sku, int stock) {
    }

    record Product(List<Variant> variants, Object secondHand) {
    }

    record Data(List<Product> products) {
    }

    private final Inventory inventory;
    private final JsonMapper json;

    DemoStock(Inventory inventory, JsonMapper json) {
        this.inventory = inventory;
        this.json = json;
    }

    @Override
    public String name() {
        return "inventory";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void seed() {
        try (InputStream in = new ClassPathResource("catalog/demo-catalog.json").getInputStream()) {
            List<Product> products = json.readValue(in, Data.class).products();
            for (Product product : products) {
                product.variants().forEach(variant -> inventory.setOnHand(variant.sku(), variant.stock()));
            }
            inventory.createLocation(new NewLocation("bastille", "Boucle Bastille", LocationKind.STORE, "paris-bastille",
                    false, null));
            inventory.createLocation(new NewLocation("part-dieu", "Boucle Part-Dieu", LocationKind.STORE, "lyon-part-dieu",
                    false, null));
            for (Product product : products) {
                if (product.secondHand() != null) {
                    continue;
                }
                for (Variant variant : product.variants()) {
                    // A few units of the well-stocked items, some in one store only.
                    if (variant.stock() >= 5) {
                        inventory.setOnHandAt(variant.sku(), "bastille", variant.stock() % 4, "Stock du magasin");
                        inventory.setOnHandAt(variant.sku(), "part-dieu", variant.stock() % 3, "Stock du magasin");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
