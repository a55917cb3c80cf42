package io.boucle.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.boucle.shared.DemoSeeder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The demo shop's stock levels, read from the variants of the demo catalog (low and zero stock included). */
@Component
class DemoStock implements DemoSeeder {

    record Variant(String sku, int stock) {
    }

    record Product(List<Variant> variants) {
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
            for (Product product : json.readValue(in, Data.class).products()) {
                product.variants().forEach(variant -> inventory.setOnHand(variant.sku(), variant.stock()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
