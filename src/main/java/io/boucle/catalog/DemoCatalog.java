package io.boucle.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.boucle.shared.DemoSeeder;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop's catalog from {@code catalog/demo-catalog.json}: categories, brands, new products
 * and second-hand items in French and English, reviews, questions and co-purchases. Dates are
 * relative to the first start, so the shop always looks recently stocked.
 */
@Component
class DemoCatalog implements DemoSeeder {

    static final String RESOURCE = "catalog/demo-catalog.json";

    record Text(String fr, String en) {
        LocalizedText localized() {
            return LocalizedText.of(fr, en);
        }
    }

    record CategoryData(String slug, String parent, Text name, Text description) {
    }

    record BrandData(String slug, String name) {
    }

    record AttributeData(Text name, Text value) {
    }

    record VariantData(String sku, Text title, String price, Integer weightGrams, String barcode, int stock) {
    }

    record SecondHandData(Condition condition, Text defects, String purchasePrice, SellerType seller, String copyOf) {
    }

    record ReviewData(String author, int rating, String title, String body, int daysAgo, String locale) {
    }

    record QuestionData(String question, String answer, String locale) {
    }

    record ProductData(String slug, String category, String brand, String taxCategory, boolean featured, int daysSinceCreated,
            Text title, Text description, List<AttributeData> attributes, List<VariantData> variants,
            SecondHandData secondHand, List<ReviewData> reviews, List<QuestionData> questions) {
    }

    record Data(List<CategoryData> categories, List<BrandData> brands, List<ProductData> products,
            List<List<Object>> boughtTogether) {
    }

    private final Catalog catalog;
    private final ProductFeedback feedback;
    private final JsonMapper json;
    private final Clock clock;

    DemoCatalog(Catalog catalog, ProductFeedback feedback, JsonMapper json, Clock clock) {
        this.catalog = catalog;
        this.feedback = feedback;
        this.json = json;
        this.clock = clock;
    }

    static Data read(JsonMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return json.readValue(in, Data.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void seed() {
        Data data = read(json);
        Instant now = Instant.now(clock);
        int position = 0;
        for (CategoryData category : data.categories()) {
            catalog.addCategory(category.slug(), category.parent(), position++, category.name().localized(),
                    category.description() == null ? LocalizedText.of("", "") : category.description().localized());
        }
        data.brands().forEach(brand -> catalog.addBrand(brand.slug(), brand.name()));
        // New products first: second-hand items may be copies of them.
        List<ProductData> ordered = data.products().stream()
                .sorted((a, b) -> Boolean.compare(a.secondHand() != null, b.secondHand() != null)).toList();
        for (ProductData product : ordered) {
            SecondHandData used = product.secondHand();
            catalog.add(new NewProduct(product.slug(), product.category(), product.brand(), product.taxCategory(),
                    product.title().localized(), product.description().localized(),
                    product.variants().stream().map(variant -> new NewProduct.NewVariant(variant.sku(),
                            variant.title() == null ? null : variant.title().localized(), Money.euros(variant.price()),
                            variant.weightGrams(), variant.barcode())).toList(),
                    product.attributes().stream().map(attribute -> new ProductDetails.Attribute(attribute.name().localized(),
                            attribute.value().localized())).toList(),
                    used == null ? null : new NewProduct.SecondHand(used.condition(),
                            used.defects() == null ? null : used.defects().localized(), Money.euros(used.purchasePrice()),
                            used.seller(), used.copyOf()),
                    product.featured(), true));
            Instant created = now.minus(Duration.ofDays(product.daysSinceCreated()));
            catalog.backdate(product.slug(), created);
            for (ReviewData review : product.reviews()) {
                catalog.addPublishedReview(product.slug(), review.author(), review.rating(), review.title(), review.body(),
                        review.locale(), now.minus(Duration.ofDays(review.daysAgo())));
            }
            for (QuestionData question : product.questions()) {
                if (question.answer() == null) {
                    // Waiting for staff, so the back office has some to answer.
                    feedback.ask(product.slug(), question.question(), question.locale());
                } else {
                    catalog.addAnsweredQuestion(product.slug(), question.question(), question.answer(), question.locale(), created);
                }
            }
        }
        for (List<Object> pair : data.boughtTogether()) {
            catalog.recordBoughtTogether((String) pair.get(0), (String) pair.get(1), ((Number) pair.get(2)).intValue());
        }
    }
}
