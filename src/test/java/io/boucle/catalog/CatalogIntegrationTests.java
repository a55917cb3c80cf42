package io.boucle.catalog;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.shared.Page;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@IntegrationTest
class CatalogIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    ProductFeedback feedback;

    /** Lower-case hex: valid in slugs and SKUs, different for every test. */
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final AtomicInteger sequence = new AtomicInteger();

    // Adding and finding

    @Test
    void addedProductWithVariantsAndAttributesIsFoundBySlug() {
        String parent = category(null);
        String child = category(parent);
        String brand = "brand-" + id;
        catalog.addBrand(brand, "Maison " + id);
        String slug = "tablier-" + id;
        catalog.add(new NewProduct(slug, child, brand, "REDUCED_10", LocalizedText.of("Tablier en lin", "Linen apron"),
                LocalizedText.of("Un tablier **solide**.", "A **sturdy** apron."),
                List.of(new NewProduct.NewVariant(sku("M"), LocalizedText.of("Taille M", "Size M"), Money.euros("29.90"), 250, "3760000000017"),
                        new NewProduct.NewVariant(sku("S"), LocalizedText.of("Taille S", "Size S"), Money.euros("27.5"), 230, null)),
                List.of(new ProductDetails.Attribute(LocalizedText.of("Matière", "Material"), LocalizedText.of("Lin", "Linen")),
                        new ProductDetails.Attribute(LocalizedText.of("Couleur", "Colour"), LocalizedText.of("Bleu", "Blue"))),
                null, false, true));

        ProductDetails found = catalog.findBySlug(slug, false).orElseThrow();

        assertThat(found.published()).isTrue();
        assertThat(found.secondHand()).isFalse();
        assertThat(found.title()).isEqualTo(LocalizedText.of("Tablier en lin", "Linen apron"));
        assertThat(found.description().en()).isEqualTo("A **sturdy** apron.");
        assertThat(found.taxCategory()).isEqualTo("REDUCED_10");
        assertThat(found.brand()).isEqualTo("Maison " + id);
        assertThat(found.category().slug()).isEqualTo(child);
        assertThat(found.breadcrumb()).extracting(Category::slug).containsExactly(parent, child);
        assertThat(found.variants()).extracting(ProductDetails.Variant::sku).as("in the order given").containsExactly(sku("M"), sku("S"));
        assertThat(found.variants().getFirst().price()).isEqualTo(Money.euros("29.90"));
        assertThat(found.variants().getFirst().weightGrams()).isEqualTo(250);
        assertThat(found.variants().getFirst().barcode()).isEqualTo("3760000000017");
        assertThat(found.variants().get(1).title().en()).isEqualTo("Size S");
        assertThat(found.lowestPrice()).isEqualTo(Money.euros("27.50"));
        assertThat(found.attributes()).extracting(a -> a.name().fr() + "=" + a.value().fr(), a -> a.value().en())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Matière=Lin", "Linen"),
                        org.assertj.core.groups.Tuple.tuple("Couleur=Bleu", "Blue"));
        assertThat(found.rating()).isEqualTo(Rating.NONE);
    }

    @Test
    void slugIsDerivedFromTheFrenchTitleWithoutAccents() {
        assertThat(Catalog.slugOf("Théière en fonte")).isEqualTo("theiere-en-fonte");
        assertThat(Catalog.slugOf("  Bol à café — « 12 cm » ! ")).isEqualTo("bol-a-cafe-12-cm");
        assertThat(Catalog.slugOf("Cœur de bœuf ÆSOP")).as("French ligatures").isEqualTo("coeur-de-boeuf-aesop");
        assertThat(Catalog.slugOf("x".repeat(79) + " " + "y".repeat(20))).as("at most 80, no trailing hyphen")
                .isEqualTo("x".repeat(79));

        ProductDetails added = catalog.add(newProduct(null, category(null), "Théière en fonte émaillée " + id, "45.00"));

        assertThat(added.slug()).isEqualTo("theiere-en-fonte-emaillee-" + id);
        assertThat(catalog.findBySlug("theiere-en-fonte-emaillee-" + id, false)).isPresent();
    }

    @Test
    void titleWithoutAnyLetterOrDigitNeedsAnExplicitSlug() {
        String category = category(null);
        long[] before = rowCounts();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> catalog.add(newProduct(null, category, "★ ★ ★", "10.00")))
                .withMessageContaining("slug");

        assertThat(rowCounts()).isEqualTo(before);
        assertThat(catalog.add(newProduct("etoiles-" + id, category, "★ ★ ★", "10.00")).slug()).isEqualTo("etoiles-" + id);
    }

    @Test
    void secondHandItemNeedsExactlyOneVariant() {
        String category = category(null);
        NewProduct.SecondHand used = new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("4.00"), SellerType.PRIVATE, null);
        long[] before = rowCounts();

        for (List<NewProduct.NewVariant> variants : List.of(
                List.of(variant(sku("A"), "12.00"), variant(sku("B"), "12.00")), List.<NewProduct.NewVariant>of())) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> catalog.add(new NewProduct("occasion-" + id, category, null, "STANDARD",
                            LocalizedText.of("Veste", "Jacket"), null, variants, List.of(), used, false, true)))
                    .withMessageContaining("variants");
        }
        assertThat(rowCounts()).isEqualTo(before);

        ProductDetails added = catalog.add(new NewProduct("occasion-" + id, category, null, "STANDARD",
                LocalizedText.of("Veste", "Jacket"), null, List.of(variant(sku("A"), "12.00")), List.of(), used, false, true));
        assertThat(added.secondHand()).isTrue();
        assertThat(added.condition()).isEqualTo(Condition.GOOD);
    }

    @Test
    void acquisitionOfASecondHandItemIsStoredButInNoView() {
        String category = category(null);
        String slug = "pull-" + id;
        ProductDetails added = catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Pull", "Jumper"),
                null, List.of(variant(sku("1"), "35.00")), List.of(),
                new NewProduct.SecondHand(Condition.VERY_GOOD, LocalizedText.of("Une maille tirée", "One pulled stitch"),
                        Money.euros("9.37"), SellerType.MARGIN_SCHEME_DEALER, null), false, true));

        var acquisition = jdbc.sql("""
                SELECT a.purchase_price, a.seller_type FROM catalog.acquisition a
                JOIN catalog.product p ON p.id = a.product_id WHERE p.slug = :slug
                """).param("slug", slug).query().singleRow();
        assertThat((BigDecimal) acquisition.get("purchase_price")).isEqualByComparingTo("9.37");
        assertThat(acquisition.get("seller_type")).isEqualTo("MARGIN_SCHEME_DEALER");

        assertThat(added.defects().en()).isEqualTo("One pulled stitch");
        ProductCard card = catalog.list(query(category)).items().getFirst();
        for (Object view : List.of(added, catalog.findBySlug(slug, false).orElseThrow(), card)) {
            assertThat(view.toString()).doesNotContain("9.37").doesNotContain("MARGIN_SCHEME_DEALER");
        }
        for (Class<?> view : List.of(ProductDetails.class, ProductDetails.Variant.class, ProductCard.class)) {
            assertThat(Arrays.stream(view.getRecordComponents()).map(c -> c.getName().toLowerCase()))
                    .noneMatch(name -> name.contains("purchase") || name.contains("seller") || name.contains("acquisition"));
        }
    }

    // Checks that change nothing

    @Test
    void unknownCategoryIsRefusedAndNothingIsWritten() {
        refused(newProduct("p-" + id, "no-such-category-" + id, "Bol", "10.00"), "category", "no-such-category-" + id);
    }

    @Test
    void unknownOrMissingTaxCategoryIsRefusedAndNothingIsWritten() {
        String category = category(null);
        refused(withTax(newProduct("p-" + id, category, "Bol", "10.00"), "REDUCED_7"), "taxCategory", "STANDARD");
        refused(withTax(newProduct("p-" + id, category, "Bol", "10.00"), null), "taxCategory", "STANDARD");
    }

    @Test
    void negativePriceIsRefusedAndNothingIsWritten() {
        refused(newProduct("p-" + id, category(null), "Bol", "-0.01"), "price", sku("1"));
    }

    @Test
    void priceWithFractionsOfACentIsRefusedAndNothingIsWritten() {
        refused(newProduct("p-" + id, category(null), "Bol", "12.505"), "price", sku("1"));
    }

    @Test
    void sameSkuTwiceInOneProductIsRefusedAndNothingIsWritten() {
        NewProduct product = newProduct("p-" + id, category(null), "Bol", "10.00");
        refused(withVariants(product, List.of(variant(sku("X"), "10.00"), variant(sku("X"), "11.00"))), "twice", sku("X"));
    }

    @Test
    void skuOfAnotherProductIsRefusedAndTheWholeProductIsRolledBack() {
        String category = category(null);
        catalog.add(withVariants(newProduct("first-" + id, category, "Bol", "10.00"), List.of(variant(sku("TAKEN"), "10.00"))));
        // The first variant and the product itself are written before the second one collides.
        NewProduct second = withVariants(newProduct("second-" + id, category, "Assiette", "10.00"),
                List.of(variant(sku("FREE"), "12.00"), variant(sku("TAKEN"), "12.00")));

        refused(second, "already used", sku("TAKEN"));

        assertThat(catalog.findBySlug("second-" + id, true)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM catalog.variant WHERE sku = :sku").param("sku", sku("FREE"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void badOrTakenSlugIsRefusedAndNothingIsWritten() {
        String category = category(null);
        for (String bad : List.of("Majuscules-" + id, "avec espace-" + id, "double--tiret-" + id, "-" + id, "accentué-" + id)) {
            refused(newProduct(bad, category, "Bol", "10.00"), "slug", "lower-case");
        }
        catalog.add(newProduct("pris-" + id, category, "Bol", "10.00"));
        refused(newProduct("pris-" + id, category, "Autre bol", "10.00"), "pris-" + id, "already exists");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        NewProduct product = withTax(newProduct("p-" + id, "nowhere-" + id, " ", "-1.00"), "NONE");
        refused(product, "title", "category", "taxCategory", "price");
    }

    // Listing

    @Test
    void categoryListIncludesEverySubCategoryLevelButNotOtherCategories() {
        String root = category(null);
        String child = category(root);
        String grandChild = category(child);
        String other = category(null);
        String inRoot = add(root, "10.00");
        String inChild = add(child, "25.00");
        String inGrandChild = addUsed(grandChild, "5.00", null);
        add(other, "1.00");

        assertThat(slugs(catalog.list(query(root)))).containsExactlyInAnyOrder(inRoot, inChild, inGrandChild);
        assertThat(slugs(catalog.list(query(child)))).containsExactlyInAnyOrder(inChild, inGrandChild);
        assertThat(catalog.list(query(grandChild)).total()).isEqualTo(1);
        assertThat(catalog.list(query("no-such-category-" + id)).items()).isEmpty();
    }

    @Test
    void kindFilterSeparatesNewProductsFromSecondHandItems() {
        String category = category(null);
        String fresh = add(category, "10.00");
        String used = addUsed(category, "6.00", null);

        Page<ProductCard> onlyNew = catalog.list(new ProductQuery(category, ProductQuery.Kind.NEW, null, null, null, null, 0, 20));
        Page<ProductCard> onlyUsed = catalog.list(new ProductQuery(category, ProductQuery.Kind.SECOND_HAND, null, null, null, null, 0, 20));

        assertThat(slugs(onlyNew)).containsExactly(fresh);
        assertThat(onlyNew.items().getFirst().secondHand()).isFalse();
        assertThat(slugs(onlyUsed)).containsExactly(used);
        assertThat(onlyUsed.items().getFirst().condition()).isEqualTo(Condition.GOOD);
    }

    @Test
    void brandFilterKeepsOnlyThatBrand() {
        String category = category(null);
        String brand = "marque-" + id;
        catalog.addBrand(brand, "Marque " + id);
        String branded = "marque-produit-" + id;
        catalog.add(new NewProduct(branded, category, brand, "STANDARD", LocalizedText.of("Bol", "Bowl"), null,
                List.of(variant(sku("B"), "10.00")), List.of(), null, false, true));
        add(category, "10.00");

        Page<ProductCard> page = catalog.list(new ProductQuery(category, null, brand, null, null, null, 0, 20));

        assertThat(slugs(page)).containsExactly(branded);
        assertThat(page.items().getFirst().brand()).isEqualTo("Marque " + id);
    }

    @Test
    void priceRangeIsInclusiveAndUsesTheLowestVariantPrice() {
        String category = category(null);
        String cheap = add(category, "5.00");
        String middle = add(category, "10.00");
        String dear = add(category, "20.00");
        String fromFour = "gamme-" + id;
        catalog.add(withVariants(newProduct(fromFour, category, "Gamme", "4.00"),
                List.of(variant(sku("BIG"), "50.00"), variant(sku("SMALL"), "4.00"))));

        assertThat(slugs(catalog.list(priced(category, "5.00", "10.00")))).containsExactlyInAnyOrder(cheap, middle);
        assertThat(slugs(catalog.list(priced(category, "10.01", null)))).containsExactly(dear);
        assertThat(slugs(catalog.list(priced(category, null, "4.50")))).containsExactly(fromFour);
        assertThat(catalog.list(priced(category, null, "4.50")).items().getFirst().price()).isEqualTo(Money.euros("4.00"));
    }

    @Test
    void sortsByPriceNewestAndRating() {
        String category = category(null);
        String b = add(category, "20.00");
        String a = add(category, "10.00");
        String c = add(category, "30.00");
        Instant now = Instant.now(clock);
        publishedAt(a, now.minus(Duration.ofDays(3)));
        publishedAt(b, now.minus(Duration.ofDays(1)));
        publishedAt(c, now.minus(Duration.ofDays(2)));
        review(a, 3);
        review(c, 5);
        review(c, 4);

        assertThat(slugs(catalog.list(sorted(category, ProductQuery.Sort.PRICE_ASC)))).containsExactly(a, b, c);
        assertThat(slugs(catalog.list(sorted(category, ProductQuery.Sort.PRICE_DESC)))).containsExactly(c, b, a);
        assertThat(slugs(catalog.list(sorted(category, ProductQuery.Sort.NEWEST)))).containsExactly(b, c, a);
        assertThat(slugs(catalog.list(sorted(category, null)))).as("newest by default").containsExactly(b, c, a);
        assertThat(slugs(catalog.list(sorted(category, ProductQuery.Sort.RATING)))).as("unrated last").containsExactly(c, a, b);
    }

    @Test
    void pagesCarryTheTotalOfAllMatchingProducts() {
        String category = category(null);
        List<String> bySlug = new ArrayList<>(List.of(add(category, "1.00"), add(category, "2.00"), add(category, "3.00"),
                add(category, "4.00"), add(category, "5.00")));

        Page<ProductCard> first = catalog.list(new ProductQuery(category, null, null, null, null, ProductQuery.Sort.PRICE_ASC, 0, 2));
        Page<ProductCard> last = catalog.list(new ProductQuery(category, null, null, null, null, ProductQuery.Sort.PRICE_ASC, 2, 2));
        Page<ProductCard> beyond = catalog.list(new ProductQuery(category, null, null, null, null, ProductQuery.Sort.PRICE_ASC, 3, 2));

        assertThat(first.total()).isEqualTo(5);
        assertThat(slugs(first)).containsExactlyElementsOf(bySlug.subList(0, 2));
        assertThat(first.hasNext()).isTrue();
        assertThat(last.total()).isEqualTo(5);
        assertThat(slugs(last)).containsExactly(bySlug.get(4));
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void queryRefusesNegativePagesAndSizesOutsideOneToAHundred() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProductQuery.all(-1, 20)).withMessageContaining("page");
        assertThatIllegalArgumentException().isThrownBy(() -> ProductQuery.all(0, 0)).withMessageContaining("size");
        assertThatIllegalArgumentException().isThrownBy(() -> ProductQuery.all(0, 101)).withMessageContaining("size");
        assertThat(ProductQuery.all(0, 100).sort()).isEqualTo(ProductQuery.Sort.NEWEST);
    }

    @Test
    void cardsListsFeaturedProductsOnlyWhenAsked() {
        String category = category(null);
        String featured = "vedette-" + id;
        catalog.add(new NewProduct(featured, category, null, "STANDARD", LocalizedText.of("Vedette", "Star"), null,
                List.of(variant(sku("F"), "10.00")), List.of(), null, true, true));
        String plain = add(category, "10.00");

        assertThat(catalog.cards(null, true, 1000)).extracting(ProductCard::slug).contains(featured).doesNotContain(plain);
        assertThat(catalog.cards(ProductQuery.Kind.NEW, false, 1000)).extracting(ProductCard::slug).contains(featured, plain);
        assertThat(catalog.cards(ProductQuery.Kind.SECOND_HAND, false, 1000)).extracting(ProductCard::slug)
                .doesNotContain(featured, plain);
    }

    // Links between products

    @Test
    void counterpartsLinkSecondHandCopiesAndTheirNewProductBothWays() {
        String category = category(null);
        String fresh = add(category, "80.00");
        String firstCopy = addUsed(category, "40.00", fresh);
        String secondCopy = addUsed(category, "35.00", fresh);
        String unrelated = addUsed(category, "30.00", null);

        assertThat(catalog.counterparts(fresh)).extracting(ProductCard::slug).containsExactlyInAnyOrder(firstCopy, secondCopy);
        assertThat(catalog.counterparts(firstCopy)).extracting(ProductCard::slug).containsExactly(fresh);
        assertThat(catalog.counterparts(unrelated)).isEmpty();
        assertThat(catalog.findBySlug(firstCopy, false).orElseThrow().copyOfSlug()).isEqualTo(fresh);
    }

    @Test
    void secondHandCopyOfAnUnknownProductIsRefused() {
        String category = category(null);
        NewProduct copy = new NewProduct("copie-" + id, category, null, "STANDARD", LocalizedText.of("Copie", "Copy"), null,
                List.of(variant(sku("C"), "10.00")), List.of(),
                new NewProduct.SecondHand(Condition.FAIR, null, Money.euros("1.00"), SellerType.PRIVATE, "nothing-" + id),
                false, true);
        refused(copy, "copyOf", "nothing-" + id);
    }

    @Test
    void boughtTogetherListsTheMostFrequentFirstThenFillsWithTheSameCategory() {
        String category = category(null);
        String elsewhere = category(null);
        String product = add(category, "10.00");
        String often = add(elsewhere, "10.00");
        String sometimes = add(elsewhere, "10.00");
        String reviewedNeighbour = add(category, "10.00");
        String neighbour = add(category, "10.00");
        add(elsewhere, "10.00");
        catalog.recordBoughtTogether(product, sometimes, 5);
        catalog.recordBoughtTogether(product, often, 4);
        catalog.recordBoughtTogether(often, product, 3);
        review(reviewedNeighbour, 4);

        assertThat(catalog.boughtTogether(product, 4)).extracting(ProductCard::slug)
                .as("7 purchases with 'often', 5 with 'sometimes', then the category, most reviewed first")
                .containsExactly(often, sometimes, reviewedNeighbour, neighbour);
        assertThat(catalog.boughtTogether(product, 1)).extracting(ProductCard::slug).containsExactly(often);
        assertThat(catalog.boughtTogether(sometimes, 1)).as("recorded both ways").extracting(ProductCard::slug).containsExactly(product);
    }

    @Test
    void aProductsRatingCountsItsPublishedReviewsOnlyWhateverTheirModeration() {
        String category = category(null);
        String product = add(category, "10.00");
        ReviewId first = feedback.submitReview(product, new NewReview(UUID.randomUUID(), "Ana", 5, "", "Parfait, rien à dire.", "fr", null, null));
        ReviewId second = feedback.submitReview(product, new NewReview(UUID.randomUUID(), "Ben", 2, "", "Déçu par la finition.", "fr", null, null));
        assertThat(rating(product)).as("pending reviews do not count").isEqualTo(Rating.of(0, 0));

        feedback.publish(first, "staff");
        feedback.publish(second, "staff");
        assertThat(rating(product)).isEqualTo(Rating.of(2, 7));
        assertThat(catalog.similar(add(category, "11.00"), 1)).singleElement()
                .satisfies(card -> assertThat(card.rating()).isEqualTo(Rating.of(2, 7)));

        feedback.reject(first, "hors sujet", "staff");
        assertThat(rating(product)).as("a published review rejected afterwards").isEqualTo(Rating.of(1, 2));
        jdbc.sql("DELETE FROM catalog.review WHERE id = :id").param("id", second.value()).update();
        assertThat(jdbc.sql("SELECT review_count || '/' || rating_sum FROM catalog.product WHERE slug = :slug")
                .param("slug", product).query(String.class).single()).as("a review deleted by hand").isEqualTo("0/0");
    }

    private Rating rating(String slug) {
        return catalog.findBySlug(slug, false).orElseThrow().rating();
    }

    @Test
    void boughtTogetherWithoutPurchasesFallsBackToTheCategoryWithoutTheProductItself() {
        String category = category(null);
        String product = add(category, "10.00");
        String first = add(category, "11.00");
        String second = add(category, "12.00");
        add(category(null), "13.00");

        List<ProductCard> cards = catalog.boughtTogether(product, 4);

        assertThat(cards).extracting(ProductCard::slug).containsExactlyInAnyOrder(first, second);
        assertThat(catalog.similar(product, 4)).extracting(ProductCard::slug).containsExactlyInAnyOrder(first, second);
    }

    // Drafts

    @Test
    void draftIsNeitherFoundNorListedPubliclyButFoundWithDrafts() {
        String category = category(null);
        String draft = "brouillon-" + id;
        catalog.add(new NewProduct(draft, category, null, "STANDARD", LocalizedText.of("Brouillon", "Draft"), null,
                List.of(variant(sku("D"), "10.00")), List.of(), null, true, false));
        String published = add(category, "10.00");
        catalog.recordBoughtTogether(published, draft, 9);

        assertThat(catalog.findBySlug(draft, false)).isEmpty();
        ProductDetails found = catalog.findBySlug(draft, true).orElseThrow();
        assertThat(found.published()).isFalse();
        assertThat(found.publishedAt()).isNull();
        assertThat(slugs(catalog.list(query(category)))).containsExactly(published);
        assertThat(catalog.list(query(category)).total()).isEqualTo(1);
        assertThat(catalog.cards(null, true, 1000)).extracting(ProductCard::slug).doesNotContain(draft);
        assertThat(catalog.boughtTogether(published, 4)).extracting(ProductCard::slug).doesNotContain(draft);
        assertThat(catalog.similar(published, 4)).extracting(ProductCard::slug).doesNotContain(draft);
    }

    // Reviews and questions

    @Test
    void ratingIsTheAverageOfPublishedReviewsToOneDecimal() {
        String category = category(null);
        String slug = add(category, "10.00");
        review(slug, 5);
        review(slug, 4);
        review(slug, 4);
        jdbc.sql("""
                INSERT INTO catalog.review (id, product_id, author, rating, body, locale, status, created_at)
                SELECT gen_random_uuid(), id, 'Troll', 1, 'En attente', 'fr', 'PENDING', now() FROM catalog.product WHERE slug = :slug
                """).param("slug", slug).update();

        assertThat(catalog.findBySlug(slug, false).orElseThrow().rating()).isEqualTo(new Rating(3, new BigDecimal("4.3")));
        assertThat(catalog.list(query(category)).items().getFirst().rating()).isEqualTo(new Rating(3, new BigDecimal("4.3")));
        assertThat(catalog.reviews(slug, 10)).hasSize(3).extracting(Review::author).doesNotContain("Troll");
    }

    @Test
    void ratingOutsideOneToFiveIsRefused() {
        String slug = add(category(null), "10.00");
        for (int rating : new int[] { 0, 6 }) {
            assertThatIllegalArgumentException().isThrownBy(() -> catalog.addPublishedReview(slug, "A", rating, "", "Bien", "fr",
                    Instant.now(clock))).withMessageContaining("between 1 and 5");
        }
        assertThat(catalog.reviews(slug, 10)).isEmpty();
    }

    @Test
    void reviewsAndAnsweredQuestionsComeNewestFirst() {
        String slug = add(category(null), "10.00");
        Instant now = Instant.now(clock);
        catalog.addPublishedReview(slug, "Ancienne", 4, "Bien", "Correct.", "fr", now.minus(Duration.ofDays(10)));
        catalog.addPublishedReview(slug, "Récente", 5, "Parfait", "Great.", "en", now.minus(Duration.ofDays(1)));
        catalog.addAnsweredQuestion(slug, "Va au four ?", "Oui, jusqu'à 250 °C.", "fr", now.minus(Duration.ofDays(5)));
        catalog.addAnsweredQuestion(slug, "Dishwasher safe?", "Yes.", "en", now.minus(Duration.ofDays(2)));
        jdbc.sql("""
                INSERT INTO catalog.question (id, product_id, question, locale, created_at)
                SELECT gen_random_uuid(), id, 'Sans réponse ?', 'fr', now() FROM catalog.product WHERE slug = :slug
                """).param("slug", slug).update();

        assertThat(catalog.reviews(slug, 10)).extracting(Review::author).containsExactly("Récente", "Ancienne");
        assertThat(catalog.reviews(slug, 1)).extracting(Review::author).containsExactly("Récente");
        assertThat(catalog.answeredQuestions(slug)).extracting(Question::question).containsExactly("Dishwasher safe?", "Va au four ?");
        assertThat(catalog.answeredQuestions(slug).get(1).answer()).isEqualTo("Oui, jusqu'à 250 °C.");
    }

    // Helpers

    private String sku(String suffix) {
        return "SKU-" + id + "-" + suffix;
    }

    private String category(String parent) {
        String slug = "cat-" + id + "-" + sequence.incrementAndGet();
        catalog.addCategory(slug, parent, 0, LocalizedText.of("Catégorie " + slug, "Category " + slug), LocalizedText.of("", ""));
        return slug;
    }

    private static NewProduct.NewVariant variant(String sku, String price) {
        return new NewProduct.NewVariant(sku, null, Money.euros(price), null, null);
    }

    private NewProduct newProduct(String slug, String category, String title, String price) {
        return new NewProduct(slug, category, null, "STANDARD", LocalizedText.of(title, null), null,
                List.of(variant(sku("1"), price)), List.of(), null, false, true);
    }

    private static NewProduct withTax(NewProduct p, String taxCategory) {
        return new NewProduct(p.slug(), p.categorySlug(), p.brandSlug(), taxCategory, p.title(), p.description(), p.variants(),
                p.attributes(), p.secondHand(), p.featured(), p.publish());
    }

    private static NewProduct withVariants(NewProduct p, List<NewProduct.NewVariant> variants) {
        return new NewProduct(p.slug(), p.categorySlug(), p.brandSlug(), p.taxCategory(), p.title(), p.description(), variants,
                p.attributes(), p.secondHand(), p.featured(), p.publish());
    }

    /** A new product with a single variant at this price; returns its slug. */
    private String add(String category, String price) {
        String slug = "p-" + id + "-" + sequence.incrementAndGet();
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Produit " + slug, null), null,
                List.of(variant(sku(slug), price)), List.of(), null, false, true));
        return slug;
    }

    private String addUsed(String category, String price, String copyOf) {
        String slug = "u-" + id + "-" + sequence.incrementAndGet();
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Occasion " + slug, null), null,
                List.of(variant(sku(slug), price)), List.of(),
                new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("1.00"), SellerType.PRIVATE, copyOf), false, true));
        return slug;
    }

    private void review(String slug, int rating) {
        catalog.addPublishedReview(slug, "Client " + rating, rating, "Avis", "Texte", "fr", Instant.now(clock));
    }

    private void publishedAt(String slug, Instant at) {
        jdbc.sql("UPDATE catalog.product SET published_at = :at WHERE slug = :slug")
                .param("at", Timestamp.from(at)).param("slug", slug).update();
    }

    private void refused(NewProduct product, String... messageParts) {
        long[] before = rowCounts();
        assertThatIllegalArgumentException().isThrownBy(() -> catalog.add(product))
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
        assertThat(rowCounts()).as("product, variant, attribute and acquisition rows").isEqualTo(before);
    }

    private long[] rowCounts() {
        return List.of("product", "variant", "attribute", "acquisition").stream()
                .mapToLong(table -> jdbc.sql("SELECT count(*) FROM catalog." + table).query(Long.class).single())
                .toArray();
    }

    private static ProductQuery query(String category) {
        return new ProductQuery(category, null, null, null, null, null, 0, 50);
    }

    private static ProductQuery priced(String category, String min, String max) {
        return new ProductQuery(category, null, null, min == null ? null : new BigDecimal(min), max == null ? null : new BigDecimal(max),
                ProductQuery.Sort.PRICE_ASC, 0, 50);
    }

    private static ProductQuery sorted(String category, ProductQuery.Sort sort) {
        return new ProductQuery(category, null, null, null, null, sort, 0, 50);
    }

    private static List<String> slugs(Page<ProductCard> page) {
        return page.items().stream().map(ProductCard::slug).toList();
    }
}
