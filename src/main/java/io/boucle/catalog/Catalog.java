package io.boucle.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.boucle.audit.Audit;
import io.boucle.shared.Identifiers;
import io.boucle.shared.KeptValues;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.shared.Page;
import io.boucle.tax.TaxCategory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's facade: adds products, and finds and lists them for the shop and the API.
 * <p>
 * What it reads for the shop is kept in memory ({@link KeptValues}; never stock levels, which are
 * the inventory's and stay live): each write here empties it
 * on this node when its transaction ends; other nodes see a change within
 * {@code boucle.catalog.cache-ttl} (10 s by default; 0 keeps nothing). Reads inside a transaction
 * that writes always go to the database.
 */
@Service
public class Catalog {

    /** The French categories of the product API; the tax module maps them to rates per country. */
    public static final Set<String> TAX_CATEGORIES = java.util.Arrays.stream(TaxCategory.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The same, in the order forms offer them: the standard rate first. */
    public static final List<String> TAX_CATEGORY_ORDER = java.util.Arrays.stream(TaxCategory.values()).map(Enum::name).toList();

    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final String CARD_COLUMNS = """
            SELECT p.slug, p.title_fr, p.title_en, c.slug AS category_slug, b.name AS brand, p.condition, p.published_at,
                   v.min_price, v.currency, v.skus, p.review_count AS reviews, p.rating_sum
            FROM catalog.product p
            JOIN catalog.category c ON c.id = p.category_id
            LEFT JOIN catalog.brand b ON b.id = p.brand_id
            JOIN LATERAL (SELECT min(price) AS min_price, min(currency) AS currency, array_agg(sku ORDER BY position, sku) AS skus
                          FROM catalog.variant WHERE product_id = p.id) v ON TRUE
            """;

    /** At most this many lists and products kept at once (see {@link KeptValues}). */
    static final int CACHE_ENTRIES = 5_000;

    private final Audit audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final KeptValues<Object, Object> cache;
    private final TransactionTemplate reading;

    Catalog(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
            @Value("${boucle.catalog.cache-ttl:PT10S}") Duration cacheTtl, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.cache = new KeptValues<>(cacheTtl, CACHE_ENTRIES);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /** Kept in memory, or read in a read-only transaction (joining the caller's, if any). */
    @SuppressWarnings("unchecked")
    private <T> T cached(Object key, java.util.function.Supplier<T> load) {
        return (T) cache.get(key, () -> reading.execute(status -> load.get()));
    }

    private static Object key(Object... parts) {
        return Arrays.asList(parts);
    }

    /** What the catalog's other services keep in memory with its own, forgotten on the same writes. */
    <T> T cachedRead(Object key, java.util.function.Supplier<T> load) {
        return cached(key, load);
    }

    /** Forgets what was kept once the current transaction ends: call in every write. */
    void changed() {
        cache.changed();
    }

    /** For tests: forgets what was kept now. */
    void forgetKept() {
        cache.clear();
    }

    /**
     * Where a product's picture is served. Until photos are uploaded, the storefront draws one from
     * the slug at this address.
     */
    public static String pictureUrl(String slug) {
        return "/media/products/" + slug + ".svg";
    }

    // Reading

    public Optional<ProductDetails> findBySlug(String slug, boolean includeDrafts) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        if (includeDrafts) {
            return reading.execute(status -> loadBySlug(slug, true));
        }
        return cached(key("product", slug), () -> loadBySlug(slug, false));
    }

    private Optional<ProductDetails> loadBySlug(String slug, boolean includeDrafts) {
        return jdbc.sql("""
                SELECT p.*, b.name AS brand, c.slug AS category_slug, copy.slug AS copy_of_slug
                FROM catalog.product p
                JOIN catalog.category c ON c.id = p.category_id
                LEFT JOIN catalog.brand b ON b.id = p.brand_id
                LEFT JOIN catalog.product copy ON copy.id = p.copy_of
                WHERE p.slug = :slug AND (p.status = 'PUBLISHED' OR :drafts)
                """)
                .param("slug", slug)
                .param("drafts", includeDrafts)
                .query((row, n) -> details(row))
                .optional();
    }

    public Page<ProductCard> list(ProductQuery query) {
        return cached(query, () -> loadList(query));
    }

    private Page<ProductCard> loadList(ProductQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" WHERE p.status = 'PUBLISHED'");
        if (query.categorySlug() != null) {
            where.append("""
                     AND p.category_id IN (WITH RECURSIVE tree AS (
                        SELECT id FROM catalog.category WHERE slug = :category
                        UNION ALL SELECT child.id FROM catalog.category child JOIN tree ON child.parent_id = tree.id)
                      SELECT id FROM tree)""");
            params.put("category", query.categorySlug());
        }
        if (query.kind() != null) {
            where.append(" AND p.kind = :kind");
            params.put("kind", query.kind().name());
        }
        if (query.brandSlug() != null) {
            where.append(" AND b.slug = :brand");
            params.put("brand", query.brandSlug());
        }
        if (query.minPrice() != null) {
            where.append(" AND v.min_price >= :minPrice");
            params.put("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            where.append(" AND v.min_price <= :maxPrice");
            params.put("maxPrice", query.maxPrice());
        }
        String order = switch (query.sort()) {
            case NEWEST -> " ORDER BY p.published_at DESC, p.slug";
            case PRICE_ASC -> " ORDER BY v.min_price, p.slug";
            case PRICE_DESC -> " ORDER BY v.min_price DESC, p.slug";
            case RATING -> " ORDER BY CASE WHEN p.review_count = 0 THEN 0 ELSE p.rating_sum::numeric / p.review_count END DESC, p.review_count DESC, p.slug";
        };
        long total = jdbc.sql("SELECT count(*) FROM (" + CARD_COLUMNS + where + ") counted")
                .params(params).query(Long.class).single();
        List<ProductCard> items = jdbc.sql(CARD_COLUMNS + where + order + " LIMIT :size OFFSET :offset")
                .params(params)
                .param("size", query.size())
                .param("offset", (long) query.page() * query.size())
                .query((row, n) -> card(row))
                .list();
        return new Page<>(List.copyOf(items), query.page(), query.size(), total);
    }

    public List<ProductCard> cards(ProductQuery.Kind kind, boolean featuredOnly, int limit) {
        return cached(key("cards", String.valueOf(kind), featuredOnly, limit), () -> jdbc.sql(CARD_COLUMNS + """
                 WHERE p.status = 'PUBLISHED' AND (:kind::text IS NULL OR p.kind = :kind) AND (p.featured OR NOT :featured)
                ORDER BY p.published_at DESC, p.slug LIMIT :limit
                """)
                .param("kind", kind == null ? null : kind.name())
                .param("featured", featuredOnly)
                .param("limit", limit)
                .query((row, n) -> card(row))
                .list()).stream().toList();
    }

    /** Published products' cards in the order of the slugs given (e.g. by relevance); unknown slugs are skipped. */
    public List<ProductCard> cards(List<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        List<String> asked = List.copyOf(slugs);
        return cached(key("cards of", asked), () -> loadCards(asked));
    }

    private List<ProductCard> loadCards(List<String> slugs) {
        Map<String, ProductCard> found = new LinkedHashMap<>();
        jdbc.sql(CARD_COLUMNS + " WHERE p.status = 'PUBLISHED' AND p.slug IN (:slugs)")
                .param("slugs", slugs)
                .query((row, n) -> card(row))
                .list()
                .forEach(card -> found.put(card.slug(), card));
        return slugs.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The second-hand copies of a new product, or the new product a second-hand item is a copy of. */
    public List<ProductCard> counterparts(String slug) {
        return cached(key("counterparts", slug), () -> jdbc.sql(CARD_COLUMNS + """
                 WHERE p.status = 'PUBLISHED' AND (
                    p.copy_of = (SELECT id FROM catalog.product WHERE slug = :slug)
                    OR p.id = (SELECT copy_of FROM catalog.product WHERE slug = :slug))
                ORDER BY p.published_at DESC, p.slug LIMIT 12
                """)
                .param("slug", slug)
                .query((row, n) -> card(row))
                .list().stream().toList());
    }

    /**
     * Products bought together with this one, most often first; when there are too few, other
     * products of its category fill the list.
     */
    public List<ProductCard> boughtTogether(String slug, int limit) {
        return cached(key("bought together", slug, limit), () -> loadBoughtTogether(slug, limit));
    }

    private List<ProductCard> loadBoughtTogether(String slug, int limit) {
        List<ProductCard> cards = new ArrayList<>(jdbc.sql(CARD_COLUMNS + """
                 JOIN catalog.bought_together t ON t.other_id = p.id
                 WHERE p.status = 'PUBLISHED' AND t.product_id = (SELECT id FROM catalog.product WHERE slug = :slug)
                ORDER BY t.count DESC, p.slug LIMIT :limit
                """)
                .param("slug", slug).param("limit", limit)
                .query((row, n) -> card(row)).list());
        if (cards.size() < limit) {
            Set<String> seen = new HashSet<>(cards.stream().map(ProductCard::slug).toList());
            seen.add(slug);
            for (ProductCard similar : loadSimilar(slug, limit + seen.size())) {
                if (cards.size() < limit && seen.add(similar.slug())) {
                    cards.add(similar);
                }
            }
        }
        return List.copyOf(cards);
    }

    /** Other products of the same category, the best rated first. */
    public List<ProductCard> similar(String slug, int limit) {
        return cached(key("similar", slug, limit), () -> loadSimilar(slug, limit));
    }

    /**
     * The products are ranked on the review count their row carries, in the order of an index, then
     * only those kept get their card's prices and SKUs: a category of thousands of products would
     * otherwise aggregate the variants of every one of them before the limit.
     */
    private List<ProductCard> loadSimilar(String slug, int limit) {
        return jdbc.sql(CARD_COLUMNS + """
                 WHERE p.id IN (
                     SELECT q.id FROM catalog.product q
                     WHERE q.status = 'PUBLISHED' AND q.slug <> :slug
                       AND q.category_id = (SELECT category_id FROM catalog.product WHERE slug = :slug)
                     ORDER BY q.review_count DESC, q.published_at DESC, q.slug
                     LIMIT :limit)
                ORDER BY p.review_count DESC, p.published_at DESC, p.slug
                """)
                .param("slug", slug).param("limit", limit)
                .query((row, n) -> card(row)).list().stream().toList();
    }

    /**
     * The SKUs asked for that exist (published or not: the caller decides), for pricing a cart. Kept
     * in memory like the shop's pages, so a price change shows within the cache's time to live.
     */
    public Map<String, SellableVariant> sellable(java.util.Collection<String> skus) {
        Map<String, SellableVariant> found = new LinkedHashMap<>();
        for (String sku : new java.util.TreeSet<>(skus)) {
            Optional<SellableVariant> variant = cached(key("sellable", sku), () -> loadSellable(sku));
            variant.ifPresent(value -> found.put(sku, value));
        }
        return found;
    }

    private Optional<SellableVariant> loadSellable(String sku) {
        return jdbc.sql("""
                        SELECT v.sku, p.slug, p.title_fr, p.title_en, v.title_fr AS variant_fr, v.title_en AS variant_en,
                               c.slug AS category_slug, v.price, v.currency, p.tax_category, v.weight_grams, p.kind,
                               p.status, a.purchase_price, a.currency AS purchase_currency, a.seller_type
                        FROM catalog.variant v
                        JOIN catalog.product p ON p.id = v.product_id
                        JOIN catalog.category c ON c.id = p.category_id
                        LEFT JOIN catalog.acquisition a ON a.product_id = p.id
                        WHERE v.sku = :sku
                        """)
                .param("sku", sku)
                .query((row, n) -> {
                    Optional<Money> margin = row.getString("seller_type") != null
                            && SellerType.valueOf(row.getString("seller_type")).marginScheme()
                            ? Optional.of(Money.of(row.getBigDecimal("purchase_price"),
                                    Currency.getInstance(row.getString("purchase_currency"))))
                            : Optional.empty();
                    return new SellableVariant(row.getString("sku"), row.getString("slug"),
                            LocalizedText.of(row.getString("title_fr"), row.getString("title_en")),
                            LocalizedText.of(row.getString("variant_fr"), row.getString("variant_en")),
                            row.getString("category_slug"),
                            Money.of(row.getBigDecimal("price"), Currency.getInstance(row.getString("currency"))),
                            TaxCategory.valueOf(row.getString("tax_category")), row.getInt("weight_grams"),
                            "SECOND_HAND".equals(row.getString("kind")), margin, "PUBLISHED".equals(row.getString("status")));
                })
                .optional();
    }

    /** Whether a SKU belongs to a new product or to a (unique) second-hand item; empty when unknown. */
    @Transactional(readOnly = true)
    public Optional<ProductQuery.Kind> kindOfSku(String sku) {
        return sku == null ? Optional.empty() : jdbc.sql("""
                SELECT p.kind FROM catalog.variant v JOIN catalog.product p ON p.id = v.product_id WHERE v.sku = :sku
                """).param("sku", sku).query(String.class).optional().map(ProductQuery.Kind::valueOf);
    }

    /** Every published product's address and last publication, for the sitemap. */
    public List<Map.Entry<String, Instant>> publishedSlugs() {
        return cached("published slugs", () -> jdbc.sql("SELECT slug, published_at FROM catalog.product WHERE status = 'PUBLISHED' ORDER BY slug")
                .query((row, n) -> Map.entry(row.getString("slug"), row.getTimestamp("published_at").toInstant()))
                .list().stream().toList());
    }

    public List<Category> categories() {
        return cached("categories", () -> jdbc.sql("""
                SELECT c.slug, parent.slug AS parent_slug, c.name_fr, c.name_en, c.description_fr, c.description_en
                FROM catalog.category c LEFT JOIN catalog.category parent ON parent.id = c.parent_id
                ORDER BY c.position, c.slug
                """)
                .query((row, n) -> category(row))
                .list().stream().toList());
    }

    public Optional<Category> category(String slug) {
        return categories().stream().filter(category -> category.slug().equals(slug)).findFirst();
    }

    public List<Review> reviews(String slug, int limit) {
        return cached(key("reviews", slug, limit), () -> jdbc.sql("""
                SELECT author, rating, title, body, locale, created_at, order_reference, purchased_at FROM catalog.review
                WHERE product_id = (SELECT id FROM catalog.product WHERE slug = :slug) AND status = 'PUBLISHED'
                ORDER BY created_at DESC LIMIT :limit
                """)
                .param("slug", slug).param("limit", limit)
                .query((row, n) -> {
                    Timestamp purchasedAt = row.getTimestamp("purchased_at");
                    return new Review(row.getString("author"), row.getInt("rating"), row.getString("title"),
                            row.getString("body"), row.getString("locale"), row.getTimestamp("created_at").toInstant(),
                            row.getString("order_reference") != null, purchasedAt == null ? null : purchasedAt.toInstant());
                })
                .list().stream().toList());
    }

    public List<Question> answeredQuestions(String slug) {
        return cached(key("questions", slug), () -> jdbc.sql("""
                SELECT question, answer, locale, answered_at FROM catalog.question
                WHERE product_id = (SELECT id FROM catalog.product WHERE slug = :slug) AND status = 'ANSWERED'
                ORDER BY answered_at DESC LIMIT 30
                """)
                .param("slug", slug)
                .query((row, n) -> new Question(row.getString("question"), row.getString("answer"), row.getString("locale"),
                        row.getTimestamp("answered_at").toInstant()))
                .list().stream().toList());
    }

    /** Every product, drafts included, for the back office; {@code q} looks in titles and SKUs. */
    @Transactional(readOnly = true)
    public Page<StaffProductRow> staffList(String q, int page, int size) {
        String pattern = q == null || q.isBlank() ? null : "%" + q.strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = """
                 WHERE (:pattern::text IS NULL OR lower(p.title_fr) LIKE :pattern OR lower(p.title_en) LIKE :pattern
                        OR EXISTS (SELECT 1 FROM catalog.variant s WHERE s.product_id = p.id AND lower(s.sku) LIKE :pattern))
                """;
        long total = jdbc.sql("SELECT count(*) FROM catalog.product p" + where).param("pattern", pattern)
                .query(Long.class).single();
        List<StaffProductRow> rows = jdbc.sql("""
                SELECT p.slug, p.title_fr, p.status, p.condition, c.slug AS category_slug, v.min_price, v.currency, v.skus
                FROM catalog.product p
                JOIN catalog.category c ON c.id = p.category_id
                JOIN LATERAL (SELECT min(price) AS min_price, min(currency) AS currency, array_agg(sku ORDER BY position, sku) AS skus
                              FROM catalog.variant WHERE product_id = p.id) v ON TRUE
                """ + where + " ORDER BY p.created_at DESC, p.slug LIMIT :size OFFSET :offset")
                .param("pattern", pattern).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> {
                    String condition = row.getString("condition");
                    return new StaffProductRow(row.getString("slug"), row.getString("title_fr"),
                            "PUBLISHED".equals(row.getString("status")), condition == null ? null : Condition.valueOf(condition),
                            row.getString("category_slug"),
                            Money.of(row.getBigDecimal("min_price"), Currency.getInstance(row.getString("currency").strip())),
                            List.copyOf(Arrays.asList((String[]) row.getArray("skus").getArray())));
                })
                .list();
        return new Page<>(rows, page, size, total);
    }

    // Writing

    /** Shows a draft in the shop, or takes a product out of it; announced so the search index follows. */
    @Transactional
    public void setPublished(String slug, boolean published) {
        changed();
        Instant now = Instant.now(clock);
        int changed = jdbc.sql("""
                UPDATE catalog.product SET status = :status,
                    published_at = CASE WHEN :published THEN coalesce(published_at, :now) ELSE published_at END
                WHERE slug = :slug AND status <> :status
                """)
                .param("status", published ? "PUBLISHED" : "DRAFT").param("published", published)
                .param("now", Timestamp.from(now)).param("slug", slug)
                .update();
        if (changed == 0 && findBySlug(slug, true).isEmpty()) {
            throw new IllegalArgumentException("no product '" + slug + "'");
        }
        if (changed > 0) {
            events.publishEvent(published ? new ProductPublished(slug, now) : new ProductWithdrawn(slug, now));
            audit.record(published ? "product.publish" : "product.withdraw", "product", slug, published ? "published" : "back to draft");
        }
    }

    @Transactional
    public void addCategory(String slug, String parentSlug, int position, LocalizedText name, LocalizedText description) {
        changed();
        requireSlug(slug);
        UUID parent = parentSlug == null ? null : idOf("category", parentSlug);
        jdbc.sql("""
                INSERT INTO catalog.category (id, parent_id, slug, position, name_fr, name_en, description_fr, description_en)
                VALUES (:id, :parent, :slug, :position, :nameFr, :nameEn, :descriptionFr, :descriptionEn)
                """)
                .param("id", Identifiers.newUuid(clock)).param("parent", parent).param("slug", slug).param("position", position)
                .param("nameFr", name.fr()).param("nameEn", name.en())
                .param("descriptionFr", description.fr()).param("descriptionEn", description.en())
                .update();
    }

    @Transactional
    public void addBrand(String slug, String name) {
        changed();
        requireSlug(slug);
        jdbc.sql("INSERT INTO catalog.brand (id, slug, name) VALUES (:id, :slug, :name)")
                .param("id", Identifiers.newUuid(clock)).param("slug", slug).param("name", name).update();
    }

    // Categories and brands, for the back office

    /** Every category in tree order (a parent, then its children by position), with its depth. */
    @Transactional(readOnly = true)
    public List<CategoryNode> categoryTree() {
        return jdbc.sql("""
                WITH RECURSIVE tree AS (
                    SELECT c.id, c.slug, NULL::text AS parent_slug, 0 AS depth, ARRAY[lpad(c.position::text, 6, '0') || ':' || c.slug] AS path,
                           c.position, c.name_fr, c.name_en, c.description_fr, c.description_en
                    FROM catalog.category c WHERE c.parent_id IS NULL
                    UNION ALL
                    SELECT c.id, c.slug, tree.slug, tree.depth + 1,
                           tree.path || (lpad(c.position::text, 6, '0') || ':' || c.slug),
                           c.position, c.name_fr, c.name_en, c.description_fr, c.description_en
                    FROM catalog.category c JOIN tree ON c.parent_id = tree.id)
                SELECT tree.*, (SELECT count(*) FROM catalog.product p WHERE p.category_id = tree.id) AS products
                FROM tree ORDER BY path
                """)
                .query((row, n) -> new CategoryNode(row.getString("slug"), row.getString("parent_slug"), row.getInt("depth"),
                        row.getInt("position"), LocalizedText.of(row.getString("name_fr"), row.getString("name_en")),
                        LocalizedText.of(row.getString("description_fr"), row.getString("description_en")),
                        row.getInt("products")))
                .list();
    }

    /**
     * Adds a category under {@code parentSlug} (null: at the top), after its siblings.
     *
     * @throws IllegalArgumentException "field: message" for each problem; nothing was written
     */
    @Transactional
    public void createCategory(String slug, String parentSlug, LocalizedText name, LocalizedText description) {
        changed();
        List<String> problems = categoryProblems(slug, parentSlug, name, null);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        UUID parent = blank(parentSlug) ? null : idOf("category", parentSlug);
        int position = jdbc.sql("SELECT coalesce(max(position) + 1, 0) FROM catalog.category WHERE parent_id IS NOT DISTINCT FROM :parent")
                .param("parent", parent).query(Integer.class).single();
        addCategory(slug, blank(parentSlug) ? null : parentSlug, position, name, description);
    }

    /**
     * Renames a category, changes its address, or moves it under another parent (null: to the top)
     * after its new siblings. A category cannot move under itself or one of its descendants.
     *
     * @throws IllegalArgumentException "field: message" for each problem; nothing was written
     */
    @Transactional
    public void updateCategory(String slug, String newSlug, String parentSlug, LocalizedText name, LocalizedText description) {
        changed();
        UUID id = jdbc.sql("SELECT id FROM catalog.category WHERE slug = :slug FOR UPDATE").param("slug", slug)
                .query(UUID.class).optional().orElseThrow(() -> new java.util.NoSuchElementException("no category '" + slug + "'"));
        List<String> problems = categoryProblems(newSlug, parentSlug, name, id);
        if (problems.isEmpty() && !blank(parentSlug)) {
            boolean cycle = jdbc.sql("""
                    WITH RECURSIVE below AS (SELECT id FROM catalog.category WHERE id = :id
                        UNION ALL SELECT c.id FROM catalog.category c JOIN below ON c.parent_id = below.id)
                    SELECT count(*) > 0 FROM below JOIN catalog.category p ON p.id = below.id WHERE p.slug = :parent
                    """).param("id", id).param("parent", parentSlug).query(Boolean.class).single();
            if (cycle) {
                problems.add("parent: a category cannot be moved under itself or one of its subcategories");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        UUID parent = blank(parentSlug) ? null : idOf("category", parentSlug);
        jdbc.sql("""
                UPDATE catalog.category SET slug = :slug, name_fr = :nameFr, name_en = :nameEn,
                    description_fr = :descriptionFr, description_en = :descriptionEn,
                    position = CASE WHEN parent_id IS NOT DISTINCT FROM :parent THEN position
                        ELSE (SELECT coalesce(max(position) + 1, 0) FROM catalog.category WHERE parent_id IS NOT DISTINCT FROM :parent) END,
                    parent_id = :parent
                WHERE id = :id
                """)
                .param("slug", newSlug).param("nameFr", name.fr().strip()).param("nameEn", name.en().strip())
                .param("descriptionFr", description.fr()).param("descriptionEn", description.en())
                .param("parent", parent).param("id", id)
                .update();
    }

    /** Moves a category one place earlier ({@code -1}) or later ({@code 1}) among its siblings. */
    @Transactional
    public void moveCategory(String slug, int direction) {
        changed();
        UUID parent = jdbc.sql("SELECT parent_id FROM catalog.category WHERE slug = :slug").param("slug", slug)
                .query((row, n) -> row.getObject("parent_id", UUID.class)).optional()
                .orElseThrow(() -> new java.util.NoSuchElementException("no category '" + slug + "'"));
        List<String> order = new ArrayList<>(jdbc.sql("""
                SELECT slug FROM catalog.category WHERE parent_id IS NOT DISTINCT FROM :parent ORDER BY position, slug FOR UPDATE
                """).param("parent", parent).query(String.class).list());
        int from = order.indexOf(slug);
        int to = Math.clamp(from + Integer.signum(direction), 0, order.size() - 1);
        order.add(to, order.remove(from));
        for (int position = 0; position < order.size(); position++) {
            jdbc.sql("UPDATE catalog.category SET position = :position WHERE slug = :slug")
                    .param("position", position).param("slug", order.get(position)).update();
        }
    }

    private List<String> categoryProblems(String slug, String parentSlug, LocalizedText name, UUID existing) {
        List<String> problems = new ArrayList<>();
        if (slug == null || !SLUG.matcher(slug).matches() || slug.length() > 80) {
            problems.add("slug: lower-case letters, digits and single hyphens only, at most 80");
        } else if (jdbc.sql("SELECT count(*) FROM catalog.category WHERE slug = :slug AND id IS DISTINCT FROM :id")
                .param("slug", slug).param("id", existing).query(Long.class).single() > 0) {
            problems.add("slug: a category with the address '" + slug + "' already exists");
        }
        if (name == null || name.fr().isBlank()) {
            problems.add("nameFr: required");
        } else if (name.fr().length() > 100 || name.en().length() > 100) {
            problems.add("nameFr: at most 100 characters");
        }
        if (!blank(parentSlug) && !exists("category", parentSlug)) {
            problems.add("parent: unknown category '" + parentSlug + "'");
        }
        return problems;
    }

    @Transactional(readOnly = true)
    public List<Brand> brands() {
        return jdbc.sql("""
                SELECT b.slug, b.name, (SELECT count(*) FROM catalog.product p WHERE p.brand_id = b.id) AS products
                FROM catalog.brand b ORDER BY lower(b.name), b.slug
                """)
                .query((row, n) -> new Brand(row.getString("slug"), row.getString("name"), row.getInt("products")))
                .list();
    }

    /**
     * Adds a brand ({@code slug} null: none yet) or changes one.
     *
     * @throws IllegalArgumentException "field: message" for each problem; nothing was written
     */
    @Transactional
    public void saveBrand(String slug, String newSlug, String name) {
        changed();
        UUID existing = slug == null ? null : jdbc.sql("SELECT id FROM catalog.brand WHERE slug = :slug").param("slug", slug)
                .query(UUID.class).optional().orElseThrow(() -> new java.util.NoSuchElementException("no brand '" + slug + "'"));
        List<String> problems = new ArrayList<>();
        if (newSlug == null || !SLUG.matcher(newSlug).matches() || newSlug.length() > 80) {
            problems.add("slug: lower-case letters, digits and single hyphens only, at most 80");
        } else if (jdbc.sql("SELECT count(*) FROM catalog.brand WHERE slug = :slug AND id IS DISTINCT FROM :id")
                .param("slug", newSlug).param("id", existing).query(Long.class).single() > 0) {
            problems.add("slug: a brand with the address '" + newSlug + "' already exists");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            problems.add("name: required, at most 100 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (existing == null) {
            addBrand(newSlug, name.strip());
        } else {
            jdbc.sql("UPDATE catalog.brand SET slug = :slug, name = :name WHERE id = :id")
                    .param("slug", newSlug).param("name", name.strip()).param("id", existing).update();
        }
    }

    /**
     * Adds a product, checking everything first so bad input changes nothing.
     *
     * @throws InvalidProduct naming every problem found
     */
    @Transactional
    public ProductDetails add(NewProduct product) {
        changed();
        List<InvalidProduct.Problem> problems = problems(product, null);
        if (!problems.isEmpty()) {
            throw new InvalidProduct(problems);
        }
        String slug = product.slug() != null ? product.slug() : slugOf(product.title().fr());
        UUID id = Identifiers.newUuid(clock);
        Instant now = Instant.now(clock);
        NewProduct.SecondHand used = product.secondHand();
        try {
            jdbc.sql("""
                    INSERT INTO catalog.product (id, slug, status, kind, category_id, brand_id, tax_category, title_fr, title_en,
                        description_fr, description_en, meta_title, meta_description, featured, condition, defects_fr, defects_en,
                        copy_of, created_at, published_at)
                    VALUES (:id, :slug, :status, :kind, :category, :brand, :tax, :titleFr, :titleEn, :descriptionFr, :descriptionEn,
                        :metaTitle, :metaDescription, :featured, :condition, :defectsFr, :defectsEn, :copyOf, :now, :publishedAt)
                    """)
                    .params(productColumns(product, slug))
                    .param("id", id)
                    .param("now", Timestamp.from(now))
                    .param("publishedAt", product.publish() ? Timestamp.from(now) : null)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidProduct(List.of(new InvalidProduct.Problem("slug",
                    "a product with the address '" + slug + "' already exists")));
        }
        writeDetails(id, product);
        if (product.publish()) {
            events.publishEvent(new ProductPublished(slug, now));
        }
        audit.record("product.create", "product", slug, summary(product));
        return findBySlug(slug, true).orElseThrow();
    }

    /** What the audit log says of a product written: its title, SKUs and whether it is published. */
    private static String summary(NewProduct product) {
        return product.title().fr() + " · " + product.variants().stream().map(NewProduct.NewVariant::sku)
                .collect(java.util.stream.Collectors.joining(", ")) + (product.publish() ? " · published" : " · draft");
    }

    /**
     * Changes a product (drafts included) to what is given: its fields, variants (matched by SKU; a
     * SKU left out is removed), attributes and second-hand details. Checked first like
     * {@link #add}; a published product is announced again so search and price history follow.
     *
     * @return the product as changed, or empty when there is no product at {@code slug}
     * @throws InvalidProduct naming every problem found; nothing was written
     */
    @Transactional
    public Optional<ProductDetails> update(String slug, NewProduct product) {
        changed();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> current = jdbc.sql("SELECT id, status FROM catalog.product WHERE slug = :slug FOR UPDATE")
                .param("slug", slug).query().listOfRows().stream().findFirst();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        UUID id = (UUID) current.get().get("id");
        boolean wasPublished = "PUBLISHED".equals(current.get().get("status"));
        List<InvalidProduct.Problem> problems = problems(product, id);
        if (!problems.isEmpty()) {
            throw new InvalidProduct(problems);
        }
        String newSlug = product.slug() != null ? product.slug() : slug;
        Instant now = Instant.now(clock);
        try {
            jdbc.sql("""
                    UPDATE catalog.product SET slug = :slug, status = :status, kind = :kind, category_id = :category,
                        brand_id = :brand, tax_category = :tax, title_fr = :titleFr, title_en = :titleEn,
                        description_fr = :descriptionFr, description_en = :descriptionEn, meta_title = :metaTitle,
                        meta_description = :metaDescription, featured = :featured, condition = :condition,
                        defects_fr = :defectsFr, defects_en = :defectsEn, copy_of = :copyOf,
                        published_at = CASE WHEN :publish THEN coalesce(published_at, :now) ELSE published_at END
                    WHERE id = :id
                    """)
                    .params(productColumns(product, newSlug))
                    .param("publish", product.publish())
                    .param("now", Timestamp.from(now))
                    .param("id", id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidProduct(List.of(new InvalidProduct.Problem("slug",
                    "a product with the address '" + newSlug + "' already exists")));
        }
        List<String> skus = product.variants().stream().map(NewProduct.NewVariant::sku).toList();
        jdbc.sql("DELETE FROM catalog.variant WHERE product_id = :id AND sku NOT IN (:skus)")
                .param("id", id).param("skus", skus).update();
        jdbc.sql("DELETE FROM catalog.attribute WHERE product_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM catalog.acquisition WHERE product_id = :id").param("id", id).update();
        writeDetails(id, product);
        if (wasPublished && (!product.publish() || !newSlug.equals(slug))) {
            events.publishEvent(new ProductWithdrawn(slug, now));
        }
        if (product.publish()) {
            events.publishEvent(new ProductPublished(newSlug, now));
        }
        audit.record("product.update", "product", newSlug, (newSlug.equals(slug) ? "" : slug + " → ") + summary(product));
        return findBySlug(newSlug, true);
    }

    /**
     * A product as {@link #add} and {@link #update} take it, drafts included, with what only staff
     * see (the purchase price and seller of a second-hand item): for the back-office form and the
     * CSV export.
     */
    @Transactional(readOnly = true)
    public Optional<NewProduct> editable(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT p.*, c.slug AS category_slug, b.slug AS brand_slug, copy.slug AS copy_of_slug,
                       a.purchase_price, a.currency AS purchase_currency, a.seller_type
                FROM catalog.product p
                JOIN catalog.category c ON c.id = p.category_id
                LEFT JOIN catalog.brand b ON b.id = p.brand_id
                LEFT JOIN catalog.product copy ON copy.id = p.copy_of
                LEFT JOIN catalog.acquisition a ON a.product_id = p.id
                WHERE p.slug = :slug
                """)
                .param("slug", slug)
                .query((row, n) -> editable(row))
                .optional();
    }

    /** Every product's slug, drafts included, oldest first: for the CSV export. */
    @Transactional(readOnly = true)
    public List<String> allSlugs() {
        return jdbc.sql("SELECT slug FROM catalog.product ORDER BY created_at, slug").query(String.class).list();
    }

    private NewProduct editable(ResultSet row) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        List<NewProduct.NewVariant> variants = jdbc.sql("""
                SELECT sku, title_fr, title_en, price, currency, weight_grams, barcode
                FROM catalog.variant WHERE product_id = :id ORDER BY position, sku
                """)
                .param("id", id)
                .query((v, n) -> new NewProduct.NewVariant(v.getString("sku"),
                        v.getString("title_fr").isEmpty() ? null : LocalizedText.of(v.getString("title_fr"), v.getString("title_en")),
                        Money.of(v.getBigDecimal("price"), Currency.getInstance(v.getString("currency"))),
                        (Integer) v.getObject("weight_grams"), v.getString("barcode")))
                .list();
        List<ProductDetails.Attribute> attributes = jdbc.sql("""
                SELECT name_fr, name_en, value_fr, value_en FROM catalog.attribute WHERE product_id = :id ORDER BY position
                """)
                .param("id", id)
                .query((a, n) -> new ProductDetails.Attribute(LocalizedText.of(a.getString("name_fr"), a.getString("name_en")),
                        LocalizedText.of(a.getString("value_fr"), a.getString("value_en"))))
                .list();
        String condition = row.getString("condition");
        NewProduct.SecondHand used = condition == null ? null : new NewProduct.SecondHand(Condition.valueOf(condition),
                row.getString("defects_fr") == null ? null : LocalizedText.of(row.getString("defects_fr"), row.getString("defects_en")),
                row.getBigDecimal("purchase_price") == null ? null
                        : Money.of(row.getBigDecimal("purchase_price"), Currency.getInstance(row.getString("purchase_currency"))),
                row.getString("seller_type") == null ? null : SellerType.valueOf(row.getString("seller_type")),
                row.getString("copy_of_slug"));
        return new NewProduct(row.getString("slug"), row.getString("category_slug"), row.getString("brand_slug"),
                row.getString("tax_category"), LocalizedText.of(row.getString("title_fr"), row.getString("title_en")),
                LocalizedText.of(row.getString("description_fr"), row.getString("description_en")), List.copyOf(variants),
                List.copyOf(attributes), used, row.getBoolean("featured"), "PUBLISHED".equals(row.getString("status")),
                row.getString("meta_title"), row.getString("meta_description"));
    }

    private Map<String, Object> productColumns(NewProduct product, String slug) {
        NewProduct.SecondHand used = product.secondHand();
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("slug", slug);
        columns.put("status", product.publish() ? "PUBLISHED" : "DRAFT");
        columns.put("kind", used == null ? "NEW" : "SECOND_HAND");
        columns.put("category", idOf("category", product.categorySlug()));
        columns.put("brand", blank(product.brandSlug()) ? null : idOf("brand", product.brandSlug()));
        columns.put("tax", product.taxCategory());
        columns.put("titleFr", product.title().fr());
        columns.put("titleEn", product.title().en());
        columns.put("descriptionFr", text(product.description(), Locale.FRENCH));
        columns.put("descriptionEn", text(product.description(), Locale.ENGLISH));
        columns.put("metaTitle", blank(product.metaTitle()) ? null : product.metaTitle().strip());
        columns.put("metaDescription", blank(product.metaDescription()) ? null : product.metaDescription().strip());
        columns.put("featured", product.featured());
        columns.put("condition", used == null ? null : used.condition().name());
        columns.put("defectsFr", used == null || used.defects() == null ? null : used.defects().fr());
        columns.put("defectsEn", used == null || used.defects() == null ? null : used.defects().en());
        columns.put("copyOf", used == null || blank(used.copyOfSlug()) ? null : idOf("product", used.copyOfSlug()));
        return columns;
    }

    /** Variants (inserted, or changed when the SKU is the product's already), attributes and acquisition. */
    private void writeDetails(UUID id, NewProduct product) {
        int position = 0;
        for (NewProduct.NewVariant variant : product.variants()) {
            try {
                jdbc.sql("""
                        INSERT INTO catalog.variant (id, product_id, sku, position, title_fr, title_en, price, currency, weight_grams, barcode)
                        VALUES (:id, :product, :sku, :position, :titleFr, :titleEn, :price, :currency, :weight, :barcode)
                        ON CONFLICT (sku) DO UPDATE SET position = EXCLUDED.position, title_fr = EXCLUDED.title_fr,
                            title_en = EXCLUDED.title_en, price = EXCLUDED.price, currency = EXCLUDED.currency,
                            weight_grams = EXCLUDED.weight_grams, barcode = EXCLUDED.barcode
                        WHERE variant.product_id = EXCLUDED.product_id
                        """)
                        .param("id", Identifiers.newUuid(clock)).param("product", id).param("sku", variant.sku())
                        .param("position", position++)
                        .param("titleFr", variant.title() == null ? "" : variant.title().fr())
                        .param("titleEn", variant.title() == null ? "" : variant.title().en())
                        .param("price", variant.price().amount()).param("currency", variant.price().currency().getCurrencyCode())
                        .param("weight", variant.weightGrams())
                        .param("barcode", blank(variant.barcode()) ? null : variant.barcode().strip())
                        .update();
            } catch (DuplicateKeyException e) {
                throw skuTaken(variant.sku(), position - 1);
            }
            if (jdbc.sql("SELECT product_id FROM catalog.variant WHERE sku = :sku").param("sku", variant.sku())
                    .query(UUID.class).single().equals(id) == false) {
                // Another product's SKU, taken since it was checked.
                throw skuTaken(variant.sku(), position - 1);
            }
        }
        position = 0;
        for (ProductDetails.Attribute attribute : product.attributes()) {
            jdbc.sql("""
                    INSERT INTO catalog.attribute (product_id, position, name_fr, name_en, value_fr, value_en)
                    VALUES (:product, :position, :nameFr, :nameEn, :valueFr, :valueEn)
                    """)
                    .param("product", id).param("position", position++)
                    .param("nameFr", attribute.name().fr()).param("nameEn", attribute.name().en())
                    .param("valueFr", attribute.value().fr()).param("valueEn", attribute.value().en())
                    .update();
        }
        NewProduct.SecondHand used = product.secondHand();
        if (used != null) {
            jdbc.sql("""
                    INSERT INTO catalog.acquisition (product_id, purchase_price, currency, seller_type)
                    VALUES (:product, :price, :currency, :seller)
                    """)
                    .param("product", id).param("price", used.purchasePrice().amount())
                    .param("currency", used.purchasePrice().currency().getCurrencyCode())
                    .param("seller", used.seller().name())
                    .update();
        }
    }

    private static InvalidProduct skuTaken(String sku, int index) {
        return new InvalidProduct(List.of(new InvalidProduct.Problem("variants[" + index + "].sku",
                "the SKU '" + sku + "' is already used")));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Sets when a product was added and published, for the demo shop's history. */
    @Transactional
    void backdate(String slug, Instant at) {
        changed();
        jdbc.sql("UPDATE catalog.product SET created_at = :at, published_at = :at WHERE slug = :slug")
                .param("at", Timestamp.from(at)).param("slug", slug).update();
    }

    /** A review already checked by staff (imported or seeded); reviews from shoppers arrive pending. */
    @Transactional
    public void addPublishedReview(String productSlug, String author, int rating, String title, String body, String locale,
            Instant at) {
        changed();
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("a rating is between 1 and 5");
        }
        jdbc.sql("""
                INSERT INTO catalog.review (id, product_id, author, rating, title, body, locale, status, created_at)
                VALUES (:id, :product, :author, :rating, :title, :body, :locale, 'PUBLISHED', :at)
                """)
                .param("id", Identifiers.newUuid(clock)).param("product", idOf("product", productSlug))
                .param("author", author).param("rating", rating).param("title", title).param("body", body)
                .param("locale", locale).param("at", Timestamp.from(at))
                .update();
    }

    @Transactional
    public void addAnsweredQuestion(String productSlug, String question, String answer, String locale, Instant at) {
        changed();
        jdbc.sql("""
                INSERT INTO catalog.question (id, product_id, question, answer, locale, status, created_at, answered_at)
                VALUES (:id, :product, :question, :answer, :locale, 'ANSWERED', :at, :at)
                """)
                .param("id", Identifiers.newUuid(clock)).param("product", idOf("product", productSlug))
                .param("question", question).param("answer", answer).param("locale", locale).param("at", Timestamp.from(at))
                .update();
    }

    /** Counts one more (or {@code times} more) purchase of both products in one order, both ways. */
    @Transactional
    public void recordBoughtTogether(String slug, String otherSlug, int times) {
        changed();
        UUID one = idOf("product", slug);
        UUID other = idOf("product", otherSlug);
        for (UUID[] pair : List.of(new UUID[] { one, other }, new UUID[] { other, one })) {
            jdbc.sql("""
                    INSERT INTO catalog.bought_together (product_id, other_id, count) VALUES (:a, :b, :times)
                    ON CONFLICT (product_id, other_id) DO UPDATE SET count = bought_together.count + EXCLUDED.count
                    """)
                    .param("a", pair[0]).param("b", pair[1]).param("times", times).update();
        }
    }

    /**
     * Counts one more purchase together of every pair of these products, both ways: one paid order's
     * products. Unknown products are left out (one may have been deleted since).
     * <p>
     * Unlike other writes, this one leaves what the catalog keeps in memory alone: orders are paid
     * all day long, and emptying it at each of them would cost every page its cache. The lists of
     * products bought together follow within {@code boucle.catalog.cache-ttl}.
     */
    @Transactional
    public void recordBoughtTogether(java.util.Collection<String> slugs) {
        List<String> distinct = slugs.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        if (distinct.size() < 2) {
            return;
        }
        // Sorted, so two orders of the same products lock their rows in the same order.
        jdbc.sql("""
                INSERT INTO catalog.bought_together (product_id, other_id, count)
                SELECT a.id, b.id, 1 FROM catalog.product a JOIN catalog.product b ON a.id <> b.id
                WHERE a.slug IN (:slugs) AND b.slug IN (:slugs)
                ORDER BY a.id, b.id
                ON CONFLICT (product_id, other_id) DO UPDATE SET count = bought_together.count + 1
                """)
                .param("slugs", distinct).update();
    }

    // Checks and mapping

    /** The most a price or purchase price may be, in euros: beyond it, a typing mistake. */
    static final java.math.BigDecimal MAX_PRICE = java.math.BigDecimal.valueOf(1_000_000);

    /**
     * What is wrong with a product, field by field (the one rule set of every way in): checked
     * before anything is written. {@code existing} is the product being changed, or null.
     */
    private List<InvalidProduct.Problem> problems(NewProduct product, UUID existing) {
        List<InvalidProduct.Problem> problems = new ArrayList<>();
        java.util.function.BiConsumer<String, String> problem = (field, message) ->
                problems.add(new InvalidProduct.Problem(field, message));
        if (product.slug() != null && (!SLUG.matcher(product.slug()).matches() || product.slug().length() > 120)) {
            problem.accept("slug", "lower-case letters, digits and single hyphens only, at most 120");
        }
        if (product.title() == null || product.title().fr().isBlank()) {
            problem.accept("title", "required");
        } else {
            if (product.title().fr().length() > 200 || product.title().en().length() > 200) {
                problem.accept("title", "at most 200 characters");
            }
            if (product.slug() == null && slugOf(product.title().fr()).isEmpty()) {
                problem.accept("slug", "the title has no letter or digit to make an address of; give a slug");
            }
        }
        String slug = product.slug() != null ? product.slug()
                : product.title() == null ? null : slugOf(product.title().fr());
        if (slug != null && SLUG.matcher(slug).matches() && jdbc.sql(
                        "SELECT count(*) FROM catalog.product WHERE slug = :slug AND id IS DISTINCT FROM :id")
                .param("slug", slug).param("id", existing).query(Long.class).single() > 0) {
            problem.accept("slug", "a product with the address '" + slug + "' already exists");
        }
        if (product.description() != null
                && (product.description().fr().length() > 20_000 || product.description().en().length() > 20_000)) {
            problem.accept("description", "at most 20,000 characters");
        }
        if (product.metaTitle() != null && product.metaTitle().length() > 120) {
            problem.accept("metaTitle", "at most 120 characters (search engines show about 60)");
        }
        if (product.metaDescription() != null && product.metaDescription().length() > 320) {
            problem.accept("metaDescription", "at most 320 characters (search engines show about 155)");
        }
        if (product.categorySlug() == null || !exists("category", product.categorySlug())) {
            problem.accept("category", "unknown category '" + product.categorySlug() + "'");
        }
        if (!blank(product.brandSlug()) && !exists("brand", product.brandSlug())) {
            problem.accept("brand", "unknown brand '" + product.brandSlug() + "'");
        }
        if (product.taxCategory() == null || !TAX_CATEGORIES.contains(product.taxCategory())) {
            problem.accept("taxCategory", "one of " + String.join(", ", TAX_CATEGORIES.stream().sorted().toList()));
        }
        if (product.variants() == null || product.variants().isEmpty()) {
            problem.accept("variants", "at least one");
        } else if (product.variants().size() > 100) {
            problem.accept("variants", "at most 100");
        } else {
            Set<String> skus = new HashSet<>();
            for (int i = 0; i < product.variants().size(); i++) {
                NewProduct.NewVariant variant = product.variants().get(i);
                String field = "variants[" + i + "].";
                if (variant == null) {
                    problem.accept("variants[" + i + "]", "required");
                    continue;
                }
                if (variant.sku() == null || !SKU.matcher(variant.sku()).matches()) {
                    problem.accept(field + "sku", "letters, digits, '.', '_' and '-' only, at most 64: '" + variant.sku() + "'");
                } else if (!skus.add(variant.sku())) {
                    problem.accept(field + "sku", "'" + variant.sku() + "' appears twice");
                } else if (jdbc.sql("SELECT count(*) FROM catalog.variant WHERE sku = :sku AND product_id IS DISTINCT FROM :id")
                        .param("sku", variant.sku()).param("id", existing).query(Long.class).single() > 0) {
                    problem.accept(field + "sku", "the SKU '" + variant.sku() + "' is already used");
                }
                if (variant.price() == null || variant.price().isNegative() || !variant.price().isRoundedToMinorUnit()) {
                    problem.accept(field + "price", "a positive amount in cents for '" + variant.sku() + "'");
                } else if (!Money.EUR.equals(variant.price().currency())) {
                    // The catalog's prices include French VAT in euros; other currencies are charged at checkout.
                    problem.accept(field + "price", "in EUR for '" + variant.sku() + "'");
                } else if (variant.price().amount().compareTo(MAX_PRICE) > 0) {
                    problem.accept(field + "price", "at most 1,000,000 € for '" + variant.sku() + "'");
                }
                if (variant.weightGrams() != null && (variant.weightGrams() < 0 || variant.weightGrams() > 1_000_000)) {
                    problem.accept(field + "weight", "between 0 and 1,000,000 grams for '" + variant.sku() + "'");
                }
                if (!blank(variant.barcode()) && !Gtin.valid(variant.barcode().strip())) {
                    problem.accept(field + "barcode", "not a GTIN (EAN-8, UPC-A, EAN-13 or GTIN-14 with its check digit): '"
                            + variant.barcode() + "'");
                }
                if (variant.title() != null && (variant.title().fr().length() > 200 || variant.title().en().length() > 200)) {
                    problem.accept(field + "title", "at most 200 characters");
                }
            }
        }
        for (int i = 0; i < product.attributes().size(); i++) {
            ProductDetails.Attribute attribute = product.attributes().get(i);
            if (attribute == null || attribute.name().fr().isBlank() || attribute.value().fr().isBlank()) {
                problem.accept("attributes[" + i + "]", "a name and a value");
            } else if (attribute.name().fr().length() > 100 || attribute.value().fr().length() > 200
                    || attribute.name().en().length() > 100 || attribute.value().en().length() > 200) {
                problem.accept("attributes[" + i + "]", "a name of at most 100 characters, a value of at most 200");
            }
        }
        NewProduct.SecondHand used = product.secondHand();
        if (used != null) {
            if (product.variants() != null && product.variants().size() > 1) {
                problem.accept("variants", "a second-hand item is unique and has exactly one");
            }
            if (used.condition() == null) {
                problem.accept("secondHand.condition", "required");
            }
            if (used.seller() == null) {
                problem.accept("secondHand.seller", "required");
            }
            if (used.purchasePrice() == null || used.purchasePrice().isNegative()) {
                problem.accept("secondHand.purchasePrice", "required, not negative");
            } else if (!Money.EUR.equals(used.purchasePrice().currency())) {
                problem.accept("secondHand.purchasePrice", "in EUR");
            } else if (used.purchasePrice().amount().compareTo(MAX_PRICE) > 0) {
                problem.accept("secondHand.purchasePrice", "at most 1,000,000 €");
            }
            if (used.defects() != null && (used.defects().fr().length() > 2000 || used.defects().en().length() > 2000)) {
                problem.accept("secondHand.defects", "at most 2,000 characters");
            }
            if (!blank(used.copyOfSlug())) {
                Optional<String> kind = SLUG.matcher(used.copyOfSlug()).matches()
                        ? jdbc.sql("SELECT kind FROM catalog.product WHERE slug = :slug AND id IS DISTINCT FROM :id")
                                .param("slug", used.copyOfSlug()).param("id", existing).query(String.class).optional()
                        : Optional.empty();
                if (kind.isEmpty()) {
                    problem.accept("secondHand.copyOf", "unknown product '" + used.copyOfSlug() + "'");
                } else if (!"NEW".equals(kind.get())) {
                    problem.accept("secondHand.copyOf", "'" + used.copyOfSlug() + "' is itself second-hand: link to the new product");
                }
            }
        }
        return problems;
    }

    private boolean exists(String table, String slug) {
        return slug != null && SLUG.matcher(slug).matches() && jdbc.sql("SELECT count(*) FROM catalog." + table + " WHERE slug = :slug")
                .param("slug", slug).query(Long.class).single() > 0;
    }

    private UUID idOf(String table, String slug) {
        return jdbc.sql("SELECT id FROM catalog." + table + " WHERE slug = :slug")
                .param("slug", slug).query(UUID.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + table + " '" + slug + "'"));
    }

    private static void requireSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("slug: lower-case letters, digits and single hyphens only: '" + slug + "'");
        }
    }

    private static String text(LocalizedText text, Locale locale) {
        return text == null ? "" : text.in(locale);
    }

    /** "Théière en fonte" → "theiere-en-fonte", "Cœur de bœuf" → "coeur-de-boeuf". */
    static String slugOf(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 80 ? slug.substring(0, 80).replaceAll("-$", "") : slug;
    }

    private ProductDetails details(ResultSet row) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        String slug = row.getString("slug");
        List<ProductDetails.Variant> variants = jdbc.sql("""
                SELECT sku, title_fr, title_en, price, currency, weight_grams, barcode
                FROM catalog.variant WHERE product_id = :id ORDER BY position, sku
                """)
                .param("id", id)
                .query((v, n) -> new ProductDetails.Variant(v.getString("sku"),
                        LocalizedText.of(v.getString("title_fr"), v.getString("title_en")),
                        Money.of(v.getBigDecimal("price"), Currency.getInstance(v.getString("currency"))),
                        (Integer) v.getObject("weight_grams"), v.getString("barcode")))
                .list();
        List<ProductDetails.Attribute> attributes = jdbc.sql("""
                SELECT name_fr, name_en, value_fr, value_en FROM catalog.attribute WHERE product_id = :id ORDER BY position
                """)
                .param("id", id)
                .query((a, n) -> new ProductDetails.Attribute(LocalizedText.of(a.getString("name_fr"), a.getString("name_en")),
                        LocalizedText.of(a.getString("value_fr"), a.getString("value_en"))))
                .list();
        Rating rating = Rating.of(row.getInt("review_count"), row.getInt("rating_sum"));
        String categorySlug = row.getString("category_slug");
        List<Category> all = categories();
        if (all.stream().noneMatch(c -> c.slug().equals(categorySlug))) {
            // A category created through another node since this node last read the tree.
            cache.clear();
            all = categories();
        }
        Category category = all.stream().filter(c -> c.slug().equals(categorySlug)).findFirst().orElseThrow();
        String condition = row.getString("condition");
        Timestamp publishedAt = row.getTimestamp("published_at");
        return new ProductDetails(slug, "PUBLISHED".equals(row.getString("status")),
                LocalizedText.of(row.getString("title_fr"), row.getString("title_en")),
                LocalizedText.of(row.getString("description_fr"), row.getString("description_en")),
                row.getString("tax_category"), category, List.copyOf(breadcrumb(all, category)), row.getString("brand"),
                List.copyOf(variants), List.copyOf(attributes),
                condition == null ? null : Condition.valueOf(condition),
                row.getString("defects_fr") == null ? null : LocalizedText.of(row.getString("defects_fr"), row.getString("defects_en")),
                row.getString("copy_of_slug"), row.getString("meta_title"), row.getString("meta_description"), rating,
                publishedAt == null ? null : publishedAt.toInstant());
    }

    /** A category and its ancestors, the top-level one first. */
    public List<Category> breadcrumb(Category category) {
        return breadcrumb(categories(), category);
    }

    private static List<Category> breadcrumb(List<Category> all, Category category) {
        List<Category> path = new ArrayList<>();
        for (Category current = category; current != null; ) {
            path.addFirst(current);
            String parent = current.parentSlug();
            current = parent == null ? null : all.stream().filter(c -> c.slug().equals(parent)).findFirst().orElse(null);
        }
        return path;
    }

    private static ProductCard card(ResultSet row) throws SQLException {
        String condition = row.getString("condition");
        Array skus = row.getArray("skus");
        Timestamp publishedAt = row.getTimestamp("published_at");
        return new ProductCard(row.getString("slug"), LocalizedText.of(row.getString("title_fr"), row.getString("title_en")),
                Money.of(row.getBigDecimal("min_price"), Currency.getInstance(row.getString("currency").strip())),
                row.getString("category_slug"), row.getString("brand"),
                condition == null ? null : Condition.valueOf(condition),
                Rating.of(row.getInt("reviews"), row.getInt("rating_sum")),
                publishedAt == null ? null : publishedAt.toInstant(),
                List.copyOf(Arrays.asList((String[]) skus.getArray())));
    }

    private static Category category(ResultSet row) throws SQLException {
        return new Category(row.getString("slug"), row.getString("parent_slug"),
                LocalizedText.of(row.getString("name_fr"), row.getString("name_en")),
                LocalizedText.of(row.getString("description_fr"), row.getString("description_en")));
    }

    // The right of withdrawal

    /**
     * Flags a product as not covered by the right of withdrawal, for a reason of L221-28, or clears the
     * flag ({@code reason} null). The product page and checkout say so before the purchase.
     *
     * @throws IllegalArgumentException when there is no such product
     */
    @Transactional
    public void setWithdrawalExclusion(String slug, WithdrawalExclusion reason) {
        changed();
        UUID product = jdbc.sql("SELECT id FROM catalog.product WHERE slug = :slug").param("slug", slug)
                .query(UUID.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no product '" + slug + "'"));
        if (reason == null) {
            jdbc.sql("DELETE FROM catalog.withdrawal_exclusion WHERE product_id = :id").param("id", product).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO catalog.withdrawal_exclusion (product_id, reason, set_at) VALUES (:id, :reason, :now)
                ON CONFLICT (product_id) DO UPDATE SET reason = EXCLUDED.reason, set_at = EXCLUDED.set_at
                """)
                .param("id", product).param("reason", reason.name()).param("now", Timestamp.from(Instant.now(clock)))
                .update();
    }

    /** Why the product is not covered by the right of withdrawal; empty when it is. */
    public Optional<WithdrawalExclusion> withdrawalExclusion(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        // Kept as "" when there is none: most products have none, and an empty Optional is not kept.
        String reason = cached(key("withdrawal-exclusion", slug), () -> jdbc.sql("""
                SELECT e.reason FROM catalog.withdrawal_exclusion e JOIN catalog.product p ON p.id = e.product_id
                WHERE p.slug = :slug
                """).param("slug", slug).query(String.class).optional().orElse(""));
        return reason.isEmpty() ? Optional.empty() : Optional.of(WithdrawalExclusion.valueOf(reason));
    }

    /** The SKUs among these whose product is not covered by the right of withdrawal, with why. */
    public Map<String, WithdrawalExclusion> withdrawalExclusions(java.util.Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return reading.execute(status -> {
            Map<String, WithdrawalExclusion> found = new LinkedHashMap<>();
            jdbc.sql("""
                    SELECT v.sku, e.reason FROM catalog.variant v
                    JOIN catalog.withdrawal_exclusion e ON e.product_id = v.product_id
                    WHERE v.sku IN (:skus)
                    """)
                    .param("skus", List.copyOf(skus))
                    .query((row, n) -> found.put(row.getString("sku"), WithdrawalExclusion.valueOf(row.getString("reason"))))
                    .list();
            return Map.copyOf(found);
        });
    }
}
