package io.boucle.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What the catalog keeps in memory is forgotten by each of its writes, once committed. */
@IntegrationTest
class CatalogCacheIntegrationTests {

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final AtomicInteger sequence = new AtomicInteger();

    @Test
    void readsAreKeptWhileNothingIsWrittenThroughTheCatalog() {
        String slug = add(category(), "10.00", true);
        assertThat(catalog.findBySlug(slug, false)).isPresent();
        jdbc.sql("UPDATE catalog.product SET title_fr = 'Changé en base' WHERE slug = :slug").param("slug", slug).update();

        assertThat(catalog.findBySlug(slug, false).orElseThrow().title().fr()).as("kept").isEqualTo("Produit " + slug);
        assertThat(catalog.findBySlug(slug, true).orElseThrow().title().fr()).as("drafts included: never kept").isEqualTo("Changé en base");
        catalog.forgetKept();
        assertThat(catalog.findBySlug(slug, false).orElseThrow().title().fr()).isEqualTo("Changé en base");
    }

    @Test
    void publishingAndWithdrawingShowAtOnce() {
        String category = category();
        String slug = add(category, "10.00", false);
        assertThat(catalog.findBySlug(slug, false)).isEmpty();
        assertThat(slugs(category)).isEmpty();
        assertThat(catalog.publishedSlugs()).extracting(e -> e.getKey()).doesNotContain(slug);

        catalog.setPublished(slug, true);
        assertThat(catalog.findBySlug(slug, false)).isPresent();
        assertThat(slugs(category)).containsExactly(slug);
        assertThat(catalog.publishedSlugs()).extracting(e -> e.getKey()).contains(slug);

        catalog.setPublished(slug, false);
        assertThat(catalog.findBySlug(slug, false)).isEmpty();
        assertThat(slugs(category)).isEmpty();
        assertThat(catalog.cards(List.of(slug))).isEmpty();
    }

    @Test
    void addedProductsAndCategoriesShowAtOnce() {
        String category = category();
        String first = add(category, "10.00", true);
        assertThat(slugs(category)).containsExactly(first);
        assertThat(catalog.similar(first, 4)).isEmpty();
        assertThat(catalog.counterparts(first)).isEmpty();
        int categories = catalog.categories().size();

        String child = category();
        String second = add(category, "12.00", true);
        String copy = "u-" + id;
        catalog.add(new NewProduct(copy, category, null, "STANDARD", LocalizedText.of("Occasion", null), null,
                List.of(new NewProduct.NewVariant("SKU-" + copy, null, Money.euros("5.00"), null, null)), List.of(),
                new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("1.00"), SellerType.PRIVATE, first), false, true));

        assertThat(catalog.categories()).hasSize(categories + 1).extracting(Category::slug).contains(child);
        assertThat(catalog.category(child)).isPresent();
        assertThat(slugs(category)).containsExactlyInAnyOrder(first, second, copy);
        assertThat(catalog.similar(first, 4)).extracting(ProductCard::slug).contains(second);
        assertThat(catalog.counterparts(first)).extracting(ProductCard::slug).containsExactly(copy);
        assertThat(catalog.boughtTogether(first, 4)).extracting(ProductCard::slug).contains(second);
    }

    @Test
    void reviewsQuestionsAndCoPurchasesShowAtOnce() {
        String category = category();
        String slug = add(category, "10.00", true);
        String other = add(category(), "20.00", true);
        assertThat(catalog.findBySlug(slug, false).orElseThrow().rating()).isEqualTo(Rating.NONE);
        assertThat(catalog.reviews(slug, 20)).isEmpty();
        assertThat(catalog.answeredQuestions(slug)).isEmpty();
        assertThat(catalog.boughtTogether(slug, 4)).isEmpty();
        assertThat(catalog.list(query(category)).items().getFirst().rating()).isEqualTo(Rating.NONE);

        catalog.addPublishedReview(slug, "Camille", 4, "Bien", "Solide.", "fr", Instant.now());
        catalog.addAnsweredQuestion(slug, "Lavable ?", "Oui.", "fr", Instant.now());
        catalog.recordBoughtTogether(slug, other, 2);

        assertThat(catalog.findBySlug(slug, false).orElseThrow().rating().count()).isEqualTo(1);
        assertThat(catalog.list(query(category)).items().getFirst().rating().count()).isEqualTo(1);
        assertThat(catalog.reviews(slug, 20)).extracting(Review::author).containsExactly("Camille");
        assertThat(catalog.answeredQuestions(slug)).extracting(Question::question).containsExactly("Lavable ?");
        assertThat(catalog.boughtTogether(slug, 4)).extracting(ProductCard::slug).containsExactly(other);
    }

    @Test
    void aWriteIsNotSeenByOthersBeforeItsCommitAndARefusedWriteLeavesNothing() {
        String slug = add(category(), "10.00", true);
        transactions.executeWithoutResult(status -> {
            catalog.addPublishedReview(slug, "Dominique", 5, "Parfait", "Oui.", "fr", Instant.now());
            assertThat(catalog.reviews(slug, 20)).as("the writing transaction sees its own review").hasSize(1);
            status.setRollbackOnly();
        });
        assertThat(catalog.reviews(slug, 20)).as("rolled back: nothing of it kept").isEmpty();
        assertThat(catalog.findBySlug(slug, false).orElseThrow().rating()).isEqualTo(Rating.NONE);

        assertThatIllegalArgumentException().isThrownBy(() -> catalog.addPublishedReview(slug, "X", 9, "", "", "fr", Instant.now()));
        assertThat(catalog.reviews(slug, 20)).isEmpty();
    }

    private String category() {
        String slug = "cat-" + id + "-" + sequence.incrementAndGet();
        catalog.addCategory(slug, null, 0, LocalizedText.of("Catégorie " + slug, "Category " + slug), LocalizedText.of("", ""));
        return slug;
    }

    private String add(String category, String price, boolean publish) {
        String slug = "p-" + id + "-" + sequence.incrementAndGet();
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Produit " + slug, null), null,
                List.of(new NewProduct.NewVariant("SKU-" + slug, null, Money.euros(price), null, null)), List.of(), null, false,
                publish));
        return slug;
    }

    private List<String> slugs(String category) {
        return catalog.list(query(category)).items().stream().map(ProductCard::slug).toList();
    }

    private static ProductQuery query(String category) {
        return new ProductQuery(category, null, null, null, null, null, 0, 50);
    }
}
