package io.boucle.search;

import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.SellerType;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ProductSearchIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ProductSearch search;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    /** A word no other test's product has: letters only, so the French configuration keeps it whole. */
    final String word = "zq" + id.chars().mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'g' + c - '0' : c)))
            .reduce("", String::concat);
    String root;
    String lamps;
    String shades;
    String brand;

    @BeforeEach
    void catalog() {
        root = "maison-" + id;
        lamps = "lampes-" + id;
        shades = "abat-jour-" + id;
        brand = "lumen-" + id;
        catalog.addCategory(root, null, 0, LocalizedText.of("Maison", "Home"), LocalizedText.of("", ""));
        catalog.addCategory(lamps, root, 0, LocalizedText.of("Lampes", "Lamps"), LocalizedText.of("", ""));
        catalog.addCategory(shades, root, 1, LocalizedText.of("Abat-jour", "Shades"), LocalizedText.of("", ""));
        catalog.addBrand(brand, "Lumen " + id);
        add("lampe-a-" + id, lamps, brand, "Lampe " + word + " en laiton", null);
        add("lampe-b-" + id, lamps, null, "Lampe " + word + " en chêne", null);
        add("abat-jour-c-" + id, shades, brand, "Abat-jour " + word + " en lin", "lampe-a-" + id);
    }

    @Test
    void totalAndFacetsCountEveryMatchNotJustThePage() {
        SearchResults results = search.search(word, null, null, 0, 2);

        assertThat(results.slugs()).hasSize(2);
        assertThat(results.total()).isEqualTo(3);
        assertThat(results.hasNext()).isTrue();
        assertThat(results.categories()).as("most matches first").containsExactly(
                java.util.Map.entry(root, 3L), java.util.Map.entry(lamps, 2L), java.util.Map.entry(shades, 1L));
        assertThat(results.kinds()).containsExactly(java.util.Map.entry("NEW", 2L), java.util.Map.entry("SECOND_HAND", 1L));
        assertThat(results.brands()).as("products without a brand are not counted")
                .containsExactly(java.util.Map.entry("Lumen " + id, 2L));
    }

    @Test
    void filtersNarrowTheTotalAndTheFacets() {
        SearchResults inLamps = search.search(word, lamps, null, 0, 24);
        assertThat(inLamps.slugs()).containsExactlyInAnyOrder("lampe-a-" + id, "lampe-b-" + id);
        assertThat(inLamps.total()).isEqualTo(2);
        assertThat(inLamps.categories()).as("equal counts in name order").containsExactly(
                java.util.Map.entry(lamps, 2L), java.util.Map.entry(root, 2L));

        SearchResults used = search.search(word, null, "SECOND_HAND", 0, 24);
        assertThat(used.slugs()).containsExactly("abat-jour-c-" + id);
        assertThat(used.total()).isEqualTo(1);
        assertThat(used.kinds()).containsExactly(java.util.Map.entry("SECOND_HAND", 1L));
    }

    @Test
    void noMatchMeansNothingCounted() {
        SearchResults none = search.search("kvxqwyjf", null, null, 0, 24);
        assertThat(none.slugs()).isEmpty();
        assertThat(none.total()).isZero();
        assertThat(none.categories()).isEmpty();
        assertThat(none.kinds()).isEmpty();
        assertThat(none.brands()).isEmpty();
    }

    @Test
    void typosAreToleratedOnlyWhenNoProductHasTheWords() {
        // One letter changed: another word, whose title is close to the query's by trigrams.
        String near = word.substring(0, word.length() - 1) + (word.endsWith("x") ? "y" : "x");
        add("applique-d-" + id, lamps, null, "Applique " + near, null);

        SearchResults exact = search.search(word, null, null, 0, 24);
        assertThat(exact.slugs()).as("the products with the word, not the close title")
                .containsExactlyInAnyOrder("lampe-a-" + id, "lampe-b-" + id, "abat-jour-c-" + id);
        assertThat(exact.total()).isEqualTo(3);

        String typo = word.substring(0, 3) + word.substring(4);
        SearchResults typed = search.search(typo, null, null, 0, 24);
        assertThat(typed.slugs()).as("no product has the mistyped word: titles close to it match")
                .contains("lampe-a-" + id, "lampe-b-" + id, "abat-jour-c-" + id);
        assertThat(typed.total()).isEqualTo(typed.slugs().size());
    }

    @Test
    void aSearchKeptInMemoryIsForgottenWhenAProductIsIndexed() {
        assertThat(search.search(word, null, null, 0, 24).total()).isEqualTo(3);
        assertThat(search.search(word, null, null, 0, 24).total()).as("asked again").isEqualTo(3);

        add("lampe-e-" + id, lamps, null, "Lampe " + word + " en verre", null);

        assertThat(search.search(word, null, null, 0, 24).slugs()).hasSize(4).contains("lampe-e-" + id);
    }

    private void add(String slug, String category, String brandSlug, String title, String copyOf) {
        catalog.add(new NewProduct(slug, category, brandSlug, "STANDARD", LocalizedText.of(title, title), LocalizedText.of("Belle.", "Nice."),
                List.of(new NewProduct.NewVariant("SKU-" + slug, null, Money.euros("30.00"), null, null)), List.of(),
                copyOf == null ? null : new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("5.00"), SellerType.PRIVATE, copyOf),
                false, true));
        search.index(slug);
    }
}
