package io.boucle.checkout;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.boucle.cart.Address;
import io.boucle.cart.CartCustomer;
import io.boucle.cart.CartId;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.shared.CountryCode;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/** Products and carts ready to check out, made through the facades (no HTTP), for tests of placement. */
record ReadyCarts(Catalog catalog, Inventory inventory, Carts carts) {

    /** A published product of its own category, one SKU per name, each with {@code stock} units. */
    void products(String slug, String price, int stock, String... skus) {
        catalog.addCategory(slug, null, 0, LocalizedText.of("Essais", "Tests"), LocalizedText.of("", ""));
        for (String sku : skus) {
            catalog.add(new NewProduct(sku.toLowerCase(Locale.ROOT), slug, null, "STANDARD", LocalizedText.of("Objet", "Item"),
                    LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""),
                            Money.euros(price), 500, null)), List.of(), null, false, true));
            inventory.setOnHand(sku, stock);
        }
    }

    /** A cart holding these quantities, with a customer in Paris and home delivery. */
    CartId cart(String email, Map<String, Integer> quantities) {
        CartId cart = carts.create(Money.EUR, CountryCode.FRANCE, Locale.FRENCH).id();
        quantities.forEach((sku, quantity) -> carts.addLine(cart, sku, quantity));
        carts.setCustomer(cart, new CartCustomer(EmailAddress.of(email),
                Address.of("Camille Martin", "1 rue de la Paix", null, "75002", "Paris", "FR"), null, null));
        carts.chooseDelivery(cart, "home", null);
        return cart;
    }
}
