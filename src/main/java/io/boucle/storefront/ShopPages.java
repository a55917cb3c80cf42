package io.boucle.storefront;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Category;
import io.boucle.catalog.ProductCard;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductImages;
import io.boucle.catalog.ProductQuery;
import io.boucle.community.InvalidFeedback;
import io.boucle.community.Questions;
import io.boucle.community.QuestionsThrottled;
import io.boucle.community.ReviewRefused;
import io.boucle.community.Reviews;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Wishlists;
import io.boucle.fulfilment.DeliveryTeaser;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.platform.security.CustomerSessions;
import io.boucle.platform.web.PageFormat;
import io.boucle.pricing.PriceReduction;
import io.boucle.pricing.Pricing;
import io.boucle.search.ProductSearch;
import io.boucle.search.SearchResults;
import io.boucle.shared.CountryCode;
import io.boucle.shared.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/** The shop's catalog pages: home, categories and product pages. */
@Controller
class ShopPages {

    /** Below this many units, the page says how many are left. */
    static final int SCARCITY_THRESHOLD = 3;
    static final int PAGE_SIZE = 24;

    record Card(String slug, String title, String price, String condition, boolean available, String rating,
            int reviews, String image, String srcset, int width, int height) {
    }

    /** A photo of the product page's gallery; the generated picture when the product has none. */
    record GalleryImage(String src, String srcset, String alt, int width, int height) {
    }

    /** @param reduction the lawful reduction announced for this variant, or null */
    record VariantView(String sku, String title, String price, int available, PriceReduction reduction) {
    }

    record Crumb(String slug, String name) {
    }

    /** The review form as typed. */
    record ReviewForm(String rating, String title, String body) {

        static final ReviewForm EMPTY = new ReviewForm("", "", "");
    }

    /** The question form as typed. */
    record QuestionForm(String question, String email) {

        static final QuestionForm EMPTY = new QuestionForm("", "");
    }

    private final Catalog catalog;
    private final Inventory inventory;
    private final ProductSearch search;
    private final PageFormat format;
    private final JsonMapper json;
    private final URI publicUrl;
    private final Pricing pricing;
    private final java.time.Clock clock;

    private final CustomerSessions sessions;
    private final Wishlists wishlists;
    private final Reviews reviews;
    private final Questions questions;
    private final DeliveryTeaser teaser;
    private final MessageSource messages;
    private final ProductImages images;
    private final StoreStock storeStock;
    private final RenderedPages pages;

    ShopPages(Catalog catalog, Inventory inventory, ProductSearch search, PageFormat format, JsonMapper json,
            @Value("${boucle.public-url}") URI publicUrl, Pricing pricing, java.time.Clock clock, CustomerSessions sessions,
            Wishlists wishlists, Reviews reviews, Questions questions, DeliveryTeaser teaser, MessageSource messages,
            ProductImages images, StoreStock storeStock, RenderedPages pages) {
        this.images = images;
        this.storeStock = storeStock;
        this.pages = pages;
        this.sessions = sessions;
        this.wishlists = wishlists;
        this.reviews = reviews;
        this.questions = questions;
        this.teaser = teaser;
        this.messages = messages;
        this.pricing = pricing;
        this.clock = clock;
        this.catalog = catalog;
        this.inventory = inventory;
        this.search = search;
        this.format = format;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/")
    View home(Model model, Locale locale) {
        model.addAttribute("featured", cards(catalog.cards(null, true, 8), locale));
        model.addAttribute("arrivals", cards(catalog.cards(ProductQuery.Kind.NEW, false, 8), locale));
        model.addAttribute("secondHand", cards(catalog.cards(ProductQuery.Kind.SECOND_HAND, false, 8), locale));
        model.addAttribute("categories", topCategories(locale));
        return pages.view("storefront/home");
    }

    @GetMapping("/c/{slug}")
    View category(@PathVariable String slug, @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "NEWEST") String sort, @RequestParam(required = false) BigDecimal minPrice,
            @RequestParam(required = false) BigDecimal maxPrice, @RequestParam(defaultValue = "0") int page,
            Model model, Locale locale) {
        Category category = catalog.category(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ProductQuery.Kind chosenKind = "occasion".equals(kind) ? ProductQuery.Kind.SECOND_HAND
                : "neuf".equals(kind) ? ProductQuery.Kind.NEW : null;
        ProductQuery.Sort chosenSort = parseSort(sort);
        // A price filter typed by hand that makes no sense is left out rather than answered with an error.
        minPrice = plausiblePrice(minPrice);
        maxPrice = plausiblePrice(maxPrice);
        Page<ProductCard> products = catalog.list(new ProductQuery(slug, chosenKind, null, minPrice, maxPrice, chosenSort,
                Math.max(page, 0), PAGE_SIZE));
        List<Category> all = catalog.categories();
        model.addAttribute("category", category);
        model.addAttribute("name", category.name().in(locale));
        model.addAttribute("description", category.description().in(locale));
        model.addAttribute("children", all.stream().filter(c -> slug.equals(c.parentSlug()))
                .map(c -> new Crumb(c.slug(), c.name().in(locale))).toList());
        model.addAttribute("breadcrumb", crumbs(catalog.breadcrumb(category), locale));
        model.addAttribute("products", cards(products.items(), locale));
        model.addAttribute("total", products.total());
        model.addAttribute("page", products.page());
        model.addAttribute("hasNext", products.hasNext());
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("sort", chosenSort.name());
        model.addAttribute("minPrice", minPrice);
        model.addAttribute("maxPrice", maxPrice);
        model.addAttribute("canonical", publicUrl.resolve("/c/" + slug).toString());
        return pages.view("storefront/category");
    }

    @GetMapping("/recherche")
    View search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) String category,
            @RequestParam(required = false) String kind, @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        String typed = q.replaceAll("\\p{Cntrl}", " ");
        String query = typed.length() > ProductSearch.MAX_QUERY_LENGTH ? typed.substring(0, ProductSearch.MAX_QUERY_LENGTH) : typed;
        if (category != null && !category.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            category = null;
        }
        String chosenKind = "occasion".equals(kind) ? "SECOND_HAND" : "neuf".equals(kind) ? "NEW" : null;
        SearchResults results = search.search(query, category, chosenKind, Math.max(page, 0), PAGE_SIZE);
        Map<String, String> names = new LinkedHashMap<>();
        catalog.categories().forEach(c -> names.put(c.slug(), c.name().in(locale)));
        model.addAttribute("q", query);
        model.addAttribute("category", category);
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("products", cards(catalog.cards(results.slugs()), locale));
        model.addAttribute("total", results.total());
        model.addAttribute("page", results.page());
        model.addAttribute("hasNext", results.hasNext());
        model.addAttribute("categoryFacets", results.categories().entrySet().stream()
                .filter(e -> names.containsKey(e.getKey()))
                .map(e -> new Facet(e.getKey(), names.get(e.getKey()), e.getValue())).toList());
        model.addAttribute("kindFacets", results.kinds());
        return pages.view("storefront/search");
    }

    record Facet(String value, String label, long count) {
    }

    @GetMapping("/p/{slug}")
    View product(@PathVariable String slug, Model model, Locale locale) {
        ProductDetails product = catalog.findBySlug(slug, false).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<ProductCard> boughtTogether = catalog.boughtTogether(slug, 4);
        List<ProductCard> counterparts = catalog.counterparts(slug);
        // The stock of everything the page shows, in one query.
        List<String> variantSkus = product.variants().stream().map(ProductDetails.Variant::sku).toList();
        Map<String, StockLevel> stock = inventory.levels(Stream.of(variantSkus, skus(boughtTogether), skus(counterparts))
                .flatMap(List::stream).toList());
        int available = variantSkus.stream().distinct().mapToInt(sku -> stock.get(sku).available()).sum();
        model.addAttribute("product", product);
        model.addAttribute("title", product.title().in(locale));
        model.addAttribute("description", format.markdown(product.description().in(locale)));
        model.addAttribute("summary", summary(product.description().in(locale)));
        model.addAttribute("breadcrumb", crumbs(product.breadcrumb(), locale));
        // Reductions against the lowest price of the previous 30 days (L112-1-1), in one read.
        Map<String, PriceReduction> reductions = pricing.reductions(product.variants().stream().collect(
                java.util.stream.Collectors.toMap(ProductDetails.Variant::sku, ProductDetails.Variant::price, (a, b) -> a)),
                java.time.Instant.now(clock));
        model.addAttribute("variants", product.variants().stream().map(variant -> new VariantView(variant.sku(),
                variant.title().in(locale), format.price(variant.price(), locale), stock.get(variant.sku()).available(),
                reductions.get(variant.sku()))).toList());
        model.addAttribute("firstAvailableSku", variantSkus.stream().filter(sku -> stock.get(sku).available() > 0).findFirst()
                .orElse(null));
        model.addAttribute("price", format.price(product.lowestPrice(), locale));
        model.addAttribute("reduction", product.variants().stream().filter(v -> v.price().equals(product.lowestPrice()))
                .map(v -> reductions.get(v.sku())).filter(java.util.Objects::nonNull).findFirst().orElse(null));
        model.addAttribute("available", available);
        model.addAttribute("scarce", available > 0 && available <= SCARCITY_THRESHOLD);
        model.addAttribute("condition", product.condition() == null ? null : product.condition().label().in(locale));
        model.addAttribute("defects", product.defects() == null ? null : product.defects().in(locale));
        model.addAttribute("attributes", product.attributes());
        model.addAttribute("inStores", storeStock.of(product, locale));
        model.addAttribute("withdrawalExclusion", catalog.withdrawalExclusion(slug).map(Enum::name).orElse(null));
        model.addAttribute("reviews", catalog.reviews(slug, 20));
        model.addAttribute("questions", catalog.answeredQuestions(slug));
        model.addAttribute("boughtTogether", cards(boughtTogether, stock, locale));
        model.addAttribute("counterparts", cards(counterparts, stock, locale));
        model.addAttribute("image", image(slug));
        model.addAttribute("gallery", gallery(slug, product.title().in(locale), locale));
        model.addAttribute("canonical", publicUrl.resolve("/p/" + slug).toString());
        model.addAttribute("jsonLd", jsonLd(product, available, locale));
        Optional<CustomerId> customer = sessions.current();
        model.addAttribute("signedIn", customer.isPresent());
        model.addAttribute("wished", customer.map(id -> wishlists.contains(id, slug)).orElse(false));
        model.addAttribute("reviewStanding", reviews.standing(customer, product));
        model.addAttribute("ratings", List.of(5, 4, 3, 2, 1));
        model.addAttribute("reviewLimits", Map.of("title", Reviews.MAX_TITLE, "bodyMin", Reviews.MIN_BODY, "body", Reviews.MAX_BODY));
        model.addAttribute("questionLimits", Map.of("min", Questions.MIN_QUESTION, "max", Questions.MAX_QUESTION));
        if (!model.containsAttribute("reviewForm")) {
            model.addAttribute("reviewForm", ReviewForm.EMPTY);
            model.addAttribute("reviewProblems", Map.of());
        }
        if (!model.containsAttribute("questionForm")) {
            model.addAttribute("questionForm", QuestionForm.EMPTY);
            model.addAttribute("questionProblems", Map.of());
        }
        model.addAttribute("deliveryPromise", available > 0 ? deliveryPromise(product, locale) : null);
        return pages.view("storefront/product");
    }

    /** "Livré entre le … et le … si commandé avant …", by the cheapest home delivery to France. */
    private String deliveryPromise(ProductDetails product, Locale locale) {
        ProductDetails.Variant cheapest = product.variants().stream().filter(v -> v.price().equals(product.lowestPrice()))
                .findFirst().orElseThrow();
        java.time.Instant now = java.time.Instant.now(clock);
        return teaser.cheapestHome(CountryCode.FRANCE, cheapest.weightGrams() == null ? 0 : cheapest.weightGrams(),
                        cheapest.price(), now)
                .map(promise -> DeliveryPromiseText.of(promise, now, locale, messages)).orElse(null);
    }

    /** A signed-in customer who bought the product reviews it; it waits for staff. */
    @PostMapping("/p/{slug}/avis")
    View review(@PathVariable String slug, @RequestParam(defaultValue = "") String rating,
            @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String body, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        catalog.findBySlug(slug, false).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Optional<CustomerId> customer = sessions.current();
        if (customer.isEmpty()) {
            return redirect("/compte/connexion?retour=/p/" + slug);
        }
        try {
            reviews.submit(customer.get(), slug, parseRating(rating), title, body, locale);
            redirect.addFlashAttribute("reviewNotice", "review.thanks");
            return redirect("/p/" + slug + "#reviews");
        } catch (io.boucle.shared.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (ReviewRefused e) {
            // The page says why (not bought, already reviewed).
            return redirect("/p/" + slug + "#reviews");
        } catch (InvalidFeedback e) {
            model.addAttribute("reviewForm", new ReviewForm(rating, title, body));
            model.addAttribute("reviewProblems", problems(e, locale));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return product(slug, model, locale);
        }
    }

    /**
     * Anyone asks a question, with an email address for the answer if they like. A field hidden from
     * people ({@code site}) catches robots, which fill every field: they are thanked, and nothing is kept.
     */
    @PostMapping("/p/{slug}/questions")
    View question(@PathVariable String slug, @RequestParam(defaultValue = "") String question,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String site, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        if (!site.isEmpty()) {
            catalog.findBySlug(slug, false).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            redirect.addFlashAttribute("questionNotice", "question.thanks");
            return redirect("/p/" + slug + "#questions");
        }
        try {
            questions.ask(slug, question, email, locale, request.getRemoteAddr());
            redirect.addFlashAttribute("questionNotice", email.isBlank() ? "question.thanks" : "question.thanksWithEmail");
            return redirect("/p/" + slug + "#questions");
        } catch (io.boucle.shared.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (InvalidFeedback e) {
            model.addAttribute("questionProblems", problems(e, locale));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } catch (QuestionsThrottled e) {
            model.addAttribute("questionProblems", Map.of("question", messages.getMessage("question.problem.throttled", null, locale)));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        }
        model.addAttribute("questionForm", new QuestionForm(question, email));
        return product(slug, model, locale);
    }

    private static View redirect(String path) {
        return new RedirectView(path, true);
    }

    private static Integer parseRating(String rating) {
        try {
            return Integer.valueOf(rating.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One message per field at fault, in the page's language. */
    private Map<String, String> problems(InvalidFeedback e, Locale locale) {
        Map<String, String> problems = new LinkedHashMap<>();
        Object[] limits = InvalidFeedback.limits();
        e.problems().forEach(problem -> problems.putIfAbsent(problem.field(),
                messages.getMessage("feedback.problem." + problem.code(), limits, locale)));
        return problems;
    }

    private List<Card> cards(List<ProductCard> cards, Locale locale) {
        return cards(cards, inventory.levels(skus(cards)), locale);
    }

    private static List<String> skus(List<ProductCard> cards) {
        return cards.stream().flatMap(card -> card.skus().stream()).toList();
    }

    /** The cards as pages show them, with their availability from {@code stock}, which has all their SKUs. */
    private List<Card> cards(List<ProductCard> cards, Map<String, StockLevel> stock, Locale locale) {
        Map<String, ProductImages.Image> photos = images.firstOf(cards.stream().map(ProductCard::slug).toList());
        return cards.stream().map(card -> {
            ProductImages.Image photo = photos.get(card.slug());
            return new Card(card.slug(), card.title().in(locale), format.price(card.price(), locale),
                    card.condition() == null ? null : card.condition().label().in(locale),
                    card.skus().stream().anyMatch(sku -> stock.get(sku).available() > 0),
                    card.rating().count() == 0 ? null : card.rating().average().toPlainString(), card.rating().count(),
                    photo == null ? image(card.slug()) : photo.standard().url(), photo == null ? null : photo.srcset(),
                    photo == null ? 300 : photo.standard().width(), photo == null ? 300 : photo.standard().height());
        }).toList();
    }

    /** The product's photos in their order, or the generated picture when it has none. */
    private List<GalleryImage> gallery(String slug, String title, Locale locale) {
        List<ProductImages.Image> photos = images.of(slug);
        if (photos.isEmpty()) {
            return List.of(new GalleryImage(image(slug), null, title, 600, 600));
        }
        return photos.stream().map(photo -> new GalleryImage(photo.standard().url(), photo.srcset(), photo.alt().in(locale),
                photo.largest().width(), photo.largest().height())).toList();
    }

    /** The address of the product's main picture: its first photo at its largest, or the generated one. */
    private String mainImage(String slug) {
        List<ProductImages.Image> photos = images.of(slug);
        return photos.isEmpty() ? image(slug) : photos.getFirst().largest().url();
    }

    private List<Crumb> topCategories(Locale locale) {
        return catalog.categories().stream().filter(c -> c.parentSlug() == null)
                .map(c -> new Crumb(c.slug(), c.name().in(locale))).toList();
    }

    private static List<Crumb> crumbs(List<Category> path, Locale locale) {
        return path.stream().map(c -> new Crumb(c.slug(), c.name().in(locale))).toList();
    }

    private static ProductQuery.Sort parseSort(String sort) {
        try {
            return ProductQuery.Sort.valueOf(sort);
        } catch (IllegalArgumentException e) {
            return ProductQuery.Sort.NEWEST;
        }
    }

    private static BigDecimal plausiblePrice(BigDecimal price) {
        return price == null || price.signum() < 0 || price.compareTo(BigDecimal.valueOf(1_000_000)) > 0
                ? null : price.setScale(Math.min(price.scale(), 2), java.math.RoundingMode.DOWN);
    }

    static String image(String slug) {
        return Catalog.pictureUrl(slug);
    }

    /** The first sentence or so of the description, as plain text, for search engines and link previews. */
    static String summary(String markdown) {
        String plain = markdown.replaceAll("[#*_>`\\[\\]()-]", " ").replaceAll("\\s+", " ").strip();
        if (plain.length() <= 155) {
            return plain;
        }
        int cut = plain.lastIndexOf(' ', 152);
        return plain.substring(0, cut > 0 ? cut : 152) + "…";
    }

    /** schema.org Product, Offer (UsedCondition for second-hand items), AggregateRating and BreadcrumbList. */
    private String jsonLd(ProductDetails product, int available, Locale locale) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("@type", "Offer");
        offer.put("price", product.lowestPrice().amount().toPlainString());
        offer.put("priceCurrency", product.lowestPrice().currency().getCurrencyCode());
        offer.put("availability", available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock");
        offer.put("itemCondition", product.condition() == null ? "https://schema.org/NewCondition" : product.condition().schemaOrg());
        offer.put("url", publicUrl.resolve("/p/" + product.slug()).toString());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@context", "https://schema.org");
        item.put("@type", "Product");
        item.put("name", product.title().in(locale));
        item.put("description", summary(product.description().in(locale)));
        item.put("sku", product.variants().getFirst().sku());
        item.put("image", publicUrl.resolve(mainImage(product.slug())).toString());
        if (product.brand() != null) {
            item.put("brand", Map.of("@type", "Brand", "name", product.brand()));
        }
        item.put("offers", offer);
        if (product.rating().count() > 0) {
            item.put("aggregateRating", Map.of("@type", "AggregateRating",
                    "ratingValue", product.rating().average().toPlainString(), "reviewCount", product.rating().count()));
        }
        List<Map<String, Object>> crumbs = new ArrayList<>();
        List<Crumb> path = crumbs(product.breadcrumb(), locale);
        for (int i = 0; i < path.size(); i++) {
            crumbs.add(Map.of("@type", "ListItem", "position", i + 1, "name", path.get(i).name(),
                    "item", publicUrl.resolve("/c/" + path.get(i).slug()).toString()));
        }
        Map<String, Object> breadcrumbList = Map.of("@context", "https://schema.org", "@type", "BreadcrumbList",
                "itemListElement", crumbs);
        // "<" is escaped so no text can close the script element it is embedded in.
        return json.writeValueAsString(List.of(item, breadcrumbList)).replace("<", "\\u003c");
    }
}
