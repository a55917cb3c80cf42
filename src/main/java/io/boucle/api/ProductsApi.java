package io.boucle.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.ProductCard;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductQuery;
import io.boucle.inventory.Inventory;
import io.boucle.search.ProductSearch;
import io.boucle.search.SearchResults;
import io.boucle.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The public catalog: what a shop front or an app lists and shows. Texts follow Accept-Language. */
@RestController
@RequestMapping("/api/v1/products")
class ProductsApi {

    record ProductSummary(String slug, String title, ApiMoney price, String condition, boolean secondHand, boolean available,
            String image) {
    }

    record Variant(String sku, String title, ApiMoney price, int available, String condition) {
    }

    record Attribute(String name, String value) {
    }

    record Rating(int count, BigDecimal average) {
    }

    record Product(String slug, String title, String description, String category, String brand, String taxCategory,
            boolean secondHand, String condition, String conditionLabel, String defects, String copyOf,
            List<Variant> variants, List<Attribute> attributes, Rating rating, String image) {
    }

    private final Catalog catalog;
    private final Inventory inventory;
    private final ProductSearch search;

    private final io.boucle.catalog.ProductImages images;

    ProductsApi(Catalog catalog, Inventory inventory, ProductSearch search, io.boucle.catalog.ProductImages images) {
        this.images = images;
        this.catalog = catalog;
        this.inventory = inventory;
        this.search = search;
    }

    record Suggestion(String slug, String title) {
    }

    @GetMapping("/suggestions")
    @Operation(summary = "Product titles matching what is being typed (at least 2 characters)")
    List<Suggestion> suggestions(@RequestParam String q, Locale locale) {
        return search.suggest(q, 8).stream()
                .map(s -> new Suggestion(s.slug(), "en".equals(locale.getLanguage()) ? s.titleEn() : s.titleFr())).toList();
    }

    @GetMapping
    @Operation(summary = "Published products, newest first, with filters; with q, the best matches of a search first")
    Page<ProductSummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
            @RequestParam(required = false) String condition, @RequestParam(required = false) String brand,
            @RequestParam(required = false) BigDecimal minPrice, @RequestParam(required = false) BigDecimal maxPrice,
            @RequestParam(defaultValue = "NEWEST") ProductQuery.Sort sort,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Locale locale) {
        ProductQuery.Kind kind = condition == null ? null : switch (condition) {
            case "new", "NEW" -> ProductQuery.Kind.NEW;
            case "used", "second-hand", "SECOND_HAND" -> ProductQuery.Kind.SECOND_HAND;
            default -> throw new IllegalArgumentException("condition: 'new' or 'second-hand'");
        };
        Page<ProductCard> cards;
        if (q != null && !q.isBlank()) {
            if (brand != null || minPrice != null || maxPrice != null) {
                throw new IllegalArgumentException("q: searches can be narrowed by category and condition only, not brand or price");
            }
            if (page < 0 || size < 1 || size > ProductQuery.MAX_SIZE) {
                throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + ProductQuery.MAX_SIZE);
            }
            SearchResults found = search.search(q, category, kind == null ? null : kind.name(), page, size);
            cards = new Page<>(catalog.cards(found.slugs()), page, size, found.total());
        } else {
            cards = catalog.list(new ProductQuery(category, kind, brand, minPrice, maxPrice, sort, page, size));
        }
        var stock = inventory.levels(cards.items().stream().flatMap(card -> card.skus().stream()).toList());
        return new Page<>(cards.items().stream().map(card -> new ProductSummary(card.slug(), card.title().in(locale),
                ApiMoney.of(card.price()), card.condition() == null ? "NEW" : card.condition().name(), card.secondHand(),
                card.skus().stream().anyMatch(sku -> stock.get(sku).available() > 0), image(card.slug())))
                .toList(), cards.page(), cards.size(), cards.total());
    }

    @GetMapping("/{slug}")
    @Operation(summary = "A published product with its variants and their availability")
    Product product(@PathVariable String slug, Locale locale) {
        ProductDetails product = catalog.findBySlug(slug, false)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No product '" + slug + "'."));
        return describe(product, locale);
    }

    Product describe(ProductDetails product, Locale locale) {
        var stock = inventory.levels(product.variants().stream().map(ProductDetails.Variant::sku).toList());
        Condition condition = product.condition();
        String conditionName = condition == null ? "NEW" : condition.name();
        return new Product(product.slug(), product.title().in(locale), product.description().in(locale),
                product.category().slug(), product.brand(), product.taxCategory(), product.secondHand(), conditionName,
                condition == null ? null : condition.label().in(locale),
                product.defects() == null ? null : product.defects().in(locale), product.copyOfSlug(),
                product.variants().stream().map(variant -> new Variant(variant.sku(), variant.title().in(locale),
                        ApiMoney.of(variant.price()), stock.get(variant.sku()).available(), conditionName)).toList(),
                product.attributes().stream().map(a -> new Attribute(a.name().in(locale), a.value().in(locale))).toList(),
                new Rating(product.rating().count(), product.rating().average()), image(product.slug()));
    }

    /** The product's first photo at its largest, or the picture the shop draws for a product without one. */
    String image(String slug) {
        List<io.boucle.catalog.ProductImages.Image> photos = images.of(slug);
        return photos.isEmpty() ? Catalog.pictureUrl(slug) : photos.getFirst().largest().url();
    }
}
