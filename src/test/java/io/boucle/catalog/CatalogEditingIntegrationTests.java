package io.boucle.catalog;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing products, categories and brands: the same checks as adding, and nothing written on error. */
@IntegrationTest
class CatalogEditingIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aProductIsChangedWholeVariantsMatchedBySku() {
        String category = category("meubles", null);
        String other = category("deco", null);
        catalog.saveBrand(null, "marque-" + id, "Marque " + id);
        NewProduct original = product("chaise-" + id, category, List.of(variant("CH-A-" + id, "10.00"), variant("CH-B-" + id, "12.00")));
        catalog.add(original);

        NewProduct changed = new NewProduct("chaise-paillee-" + id, other, "marque-" + id, "REDUCED_10",
                LocalizedText.of("Chaise paillée", "Rush chair"), LocalizedText.of("**Paille** de seigle.", "Rye **straw**."),
                List.of(new NewProduct.NewVariant("CH-B-" + id, LocalizedText.of("Naturel", "Natural"), Money.euros("15.50"), 3200,
                        "3760306181014"), variant("CH-C-" + id, "19.00")),
                List.of(new ProductDetails.Attribute(LocalizedText.of("Matière", "Material"), LocalizedText.of("Paille", "Straw"))),
                null, true, true, "Chaise paillée artisanale", "Une chaise en paille de seigle.");
        ProductDetails updated = catalog.update("chaise-" + id, changed).orElseThrow();

        assertThat(updated.slug()).isEqualTo("chaise-paillee-" + id);
        assertThat(updated.published()).isTrue();
        assertThat(updated.metaTitle()).isEqualTo("Chaise paillée artisanale");
        assertThat(updated.variants()).extracting(ProductDetails.Variant::sku).containsExactly("CH-B-" + id, "CH-C-" + id);
        assertThat(updated.variants().getFirst().price()).isEqualTo(Money.euros("15.50"));
        assertThat(catalog.editable("chaise-paillee-" + id)).contains(changed);
        assertThat(catalog.findBySlug("chaise-" + id, true)).as("old address").isEmpty();
        assertThat(catalog.kindOfSku("CH-A-" + id)).as("variant left out").isEmpty();
        assertThat(catalog.update("no-such-product-" + id, changed)).isEmpty();
    }

    @Test
    void badInputIsRefusedFieldByFieldAndChangesNothing() {
        String category = category("cuisine", null);
        NewProduct original = product("casserole-" + id, category, List.of(variant("CAS-" + id, "30.00")));
        catalog.add(original);
        catalog.add(product("poele-" + id, category, List.of(variant("POE-" + id, "25.00"))));

        assertRefused(original, p -> withVariant(p, variant("CAS-" + id, "-1.00")), "variants[0].price");
        assertRefused(original, p -> withVariant(p, new NewProduct.NewVariant("CAS-" + id, null, Money.euros("30.00"), 100,
                "3760306181015")), "variants[0].barcode");
        assertRefused(original, p -> new NewProduct(p.slug(), "no-such-category-" + id, null, p.taxCategory(), p.title(),
                p.description(), p.variants(), p.attributes(), null, false, false), "category");
        assertRefused(original, p -> new NewProduct("poele-" + id, p.categorySlug(), null, p.taxCategory(), p.title(),
                p.description(), p.variants(), p.attributes(), null, false, false), "slug");
        assertRefused(original, p -> withVariant(p, variant("POE-" + id, "30.00")), "variants[0].sku");
        assertThatThrownBy(() -> catalog.update("casserole-" + id, withVariant(original, variant("POE-" + id, "30.00"))))
                .hasMessageContaining("already used");

        // The same rules when adding: nothing written either.
        assertThatThrownBy(() -> catalog.add(product("nouveau-" + id, category, List.of(variant("NEW-" + id, "-5.00"),
                new NewProduct.NewVariant("NEW2-" + id, null, Money.euros("5.00"), null, "12345678")))))
                .isInstanceOfSatisfying(InvalidProduct.class, e -> assertThat(e.byField())
                        .containsKeys("variants[0].price", "variants[1].barcode"));
        assertThat(catalog.findBySlug("nouveau-" + id, true)).isEmpty();
        assertThat(catalog.kindOfSku("NEW2-" + id)).isEmpty();
    }

    @Test
    void secondHandItemsLinkToANewProductAndStayUnique() {
        String category = category("velos", null);
        catalog.add(product("velo-" + id, category, List.of(variant("VELO-" + id, "300.00"))));
        NewProduct.SecondHand used = new NewProduct.SecondHand(Condition.GOOD, LocalizedText.of("Rayure", "Scratch"),
                Money.euros("90.00"), SellerType.PRIVATE, "velo-" + id);
        NewProduct item = new NewProduct("velo-occasion-" + id, category, null, "STANDARD", LocalizedText.of("Vélo d'occasion", ""),
                LocalizedText.of("", ""), List.of(variant("VELO-OCC-" + id, "150.00")), List.of(), used, false, true);
        catalog.add(item);
        assertThat(catalog.editable("velo-occasion-" + id)).contains(item);

        NewProduct twoVariants = new NewProduct(item.slug(), category, null, "STANDARD", item.title(), item.description(),
                List.of(variant("VELO-OCC-" + id, "150.00"), variant("VELO-OCC2-" + id, "150.00")), List.of(), used, false, true);
        assertThatThrownBy(() -> catalog.update(item.slug(), twoVariants)).isInstanceOfSatisfying(InvalidProduct.class,
                e -> assertThat(e.byField()).containsKey("variants"));
        NewProduct copyOfUsed = new NewProduct(item.slug(), category, null, "STANDARD", item.title(), item.description(),
                item.variants(), List.of(), new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("90.00"), SellerType.PRIVATE,
                        item.slug()), false, true);
        assertThatThrownBy(() -> catalog.update(item.slug(), copyOfUsed)).isInstanceOfSatisfying(InvalidProduct.class,
                e -> assertThat(e.byField()).containsKey("secondHand.copyOf"));
        assertThat(catalog.editable(item.slug())).contains(item);
    }

    @Test
    void categoriesAreRenamedMovedAndReorderedWithoutCycles() {
        String top = category("maison", null);
        String middle = category("salon", top);
        String bottom = category("coussins", middle);

        assertThatThrownBy(() -> catalog.updateCategory(top, top, bottom, LocalizedText.of("Maison", "Home"), LocalizedText.of("", "")))
                .hasMessageContaining("parent: a category cannot be moved under itself or one of its subcategories");
        assertThatThrownBy(() -> catalog.updateCategory(top, top, top, LocalizedText.of("Maison", "Home"), LocalizedText.of("", "")))
                .hasMessageContaining("parent:");
        assertThat(node(top).parentSlug()).as("unchanged").isNull();

        catalog.updateCategory(bottom, "coussins-deco-" + id, null, LocalizedText.of("Coussins déco", "Cushions"),
                LocalizedText.of("Doux.", "Soft."));
        CategoryNode moved = node("coussins-deco-" + id);
        assertThat(moved.parentSlug()).isNull();
        assertThat(moved.depth()).isZero();
        assertThat(moved.name()).isEqualTo(LocalizedText.of("Coussins déco", "Cushions"));
        assertThat(catalog.category("coussins-deco-" + id)).as("the shop's categories follow").isPresent();

        catalog.updateCategory(top, top, "coussins-deco-" + id, LocalizedText.of("Maison", "Home"), LocalizedText.of("", ""));
        assertThat(node(middle).depth()).isEqualTo(2);
        assertThatThrownBy(() -> catalog.createCategory(middle, null, LocalizedText.of("Doublon", ""), LocalizedText.of("", "")))
                .hasMessageContaining("slug: a category with the address");
        assertThatThrownBy(() -> catalog.createCategory("orphelin-" + id, "no-such-parent-" + id, LocalizedText.of("X", ""),
                LocalizedText.of("", ""))).hasMessageContaining("parent: unknown category");

        String first = category("a", top);
        String second = category("b", top);
        List<String> before = children(top);
        assertThat(before).containsExactly(middle, first, second);
        catalog.moveCategory(second, -1);
        assertThat(children(top)).containsExactly(middle, second, first);
        catalog.moveCategory(middle, -1);
        assertThat(children(top)).as("already first").containsExactly(middle, second, first);
    }

    @Test
    void brandsAreAddedAndRenamed() {
        catalog.saveBrand(null, "atelier-" + id, "Atelier");
        catalog.saveBrand("atelier-" + id, "atelier-lune-" + id, "Atelier Lune");
        assertThat(catalog.brands()).anySatisfy(b -> {
            assertThat(b.slug()).isEqualTo("atelier-lune-" + id);
            assertThat(b.name()).isEqualTo("Atelier Lune");
        });
        catalog.saveBrand(null, "autre-" + id, "Autre");
        assertThatThrownBy(() -> catalog.saveBrand("autre-" + id, "atelier-lune-" + id, "Autre"))
                .hasMessageContaining("slug: a brand with the address");
        assertThatThrownBy(() -> catalog.saveBrand(null, "vide-" + id, " ")).hasMessageContaining("name:");
    }

    @Test
    void gtinCheckDigits() {
        assertThat(Gtin.valid("3760306181014")).isTrue();
        assertThat(Gtin.valid("96385074")).as("EAN-8").isTrue();
        assertThat(Gtin.valid("036000291452")).as("UPC-A").isTrue();
        assertThat(Gtin.valid("10036000291459")).as("GTIN-14").isTrue();
        assertThat(Gtin.valid("3760306181015")).isFalse();
        assertThat(Gtin.valid("376030618101")).as("12 digits, wrong check").isFalse();
        assertThat(Gtin.valid("37603061810a4")).isFalse();
        assertThat(Gtin.valid("123")).isFalse();
    }

    private void assertRefused(NewProduct original, UnaryOperator<NewProduct> change, String field) {
        assertThatThrownBy(() -> catalog.update(original.slug(), change.apply(original)))
                .isInstanceOfSatisfying(InvalidProduct.class, e -> assertThat(e.byField()).containsKey(field));
        assertThat(catalog.editable(original.slug())).as("unchanged after a problem with " + field).contains(original);
    }

    private static NewProduct withVariant(NewProduct p, NewProduct.NewVariant variant) {
        return new NewProduct(p.slug(), p.categorySlug(), p.brandSlug(), p.taxCategory(), p.title(), p.description(),
                List.of(variant), p.attributes(), p.secondHand(), p.featured(), p.publish());
    }

    private NewProduct product(String slug, String category, List<NewProduct.NewVariant> variants) {
        return new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Produit " + slug, "Product " + slug),
                LocalizedText.of("Texte.", "Text."), variants, List.of(), null, false, false);
    }

    private static NewProduct.NewVariant variant(String sku, String price) {
        return new NewProduct.NewVariant(sku, null, Money.euros(price), 500, null);
    }

    private String category(String name, String parent) {
        String slug = name + "-" + id;
        catalog.createCategory(slug, parent, LocalizedText.of(name, name), LocalizedText.of("", ""));
        return slug;
    }

    private CategoryNode node(String slug) {
        return catalog.categoryTree().stream().filter(c -> c.slug().equals(slug)).findFirst().orElseThrow();
    }

    private List<String> children(String parent) {
        return catalog.categoryTree().stream().filter(c -> parent.equals(c.parentSlug())).map(CategoryNode::slug).toList();
    }
}
