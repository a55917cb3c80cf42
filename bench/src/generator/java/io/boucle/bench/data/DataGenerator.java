package io.boucle.bench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.boucle.order.NewOrder;
import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.AssessedLine;
import io.boucle.tax.Buyer;
import io.boucle.tax.Destination;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.Sale;
import io.boucle.tax.SaleLine;
import io.boucle.tax.TaxCategory;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatBreakdown;
import io.boucle.tax.VatEngine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads a generated catalog, customer accounts and paid order history into a running shop's database
 * (already migrated by the application) with COPY, in one transaction (without its foreign-key checks when
 * the user is a superuser: every row refers to rows written before it), then analyses the tables.
 * The rows are the same on every run: fixed seeds, dates before 2026-01-01.
 * <p>
 * {@code DataGenerator S|M <jdbc-url> [orders] [paths-directory]}; user and password from
 * BENCH_DB_USER and BENCH_DB_PASSWORD (postgres / postgres by default).
 * <ul>
 * <li>Catalog: 6 root categories of 8 subcategories each ({@code gen-*}), 48 brands, published products
 * with French and English titles made of word lists, 1 to 3 variants (SKUs {@code GB-000001-1}), two
 * attributes, stock in the default warehouse (some low, some none), a price history row per SKU,
 * published reviews for about a quarter of the products, one product in 40 a second-hand copy of a new
 * one; and each product's search document, written as the search module's indexer writes it.</li>
 * <li>Customers: {@code bench-000001@example.test}…, password "boucle-bench", a marketing consent answer each.</li>
 * <li>Orders: paid orders of 2025 with their lines, VAT assessment (the application's VAT engine) and
 * timeline (placed, paid), by the generated customers, of new generated products.</li>
 * </ul>
 * With a paths directory, writes there the pages a benchmark can request: {@code product} (500
 * products drawn at random), {@code category} (every generated category) and {@code search}.
 */
public final class DataGenerator {

    static final String PASSWORD = "boucle-bench";
    static final String CATEGORY_PREFIX = "gen-";
    static final String SKU_PREFIX = "GB-";
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");
    static final Instant CATALOG_FROM = Instant.parse("2023-01-01T08:00:00Z");
    static final Instant CATALOG_TO = Instant.parse("2024-12-31T18:00:00Z");
    static final Instant CUSTOMERS_FROM = Instant.parse("2022-01-01T08:00:00Z");
    static final Instant CUSTOMERS_TO = Instant.parse("2024-12-31T20:00:00Z");
    static final Instant ORDERS_FROM = Instant.parse("2025-01-01T06:00:00Z");
    static final Instant ORDERS_TO = Instant.parse("2025-12-31T20:00:00Z");
    static final long SEED = 20_250_101L;
    static final int PRODUCT_BATCH = 5_000;
    static final int CUSTOMER_BATCH = 20_000;
    static final int ORDER_BATCH = 10_000;

    record Scale(String name, int products, int customers, int orders) {
        static Scale of(String name) {
            return switch (name) {
                case "S" -> new Scale("S", 1_000, 10_000, 20_000);
                case "M" -> new Scale("M", 100_000, 1_000_000, 2_000_000);
                default -> throw new IllegalArgumentException("scale: S or M, not " + name);
            };
        }
    }

    /** What orders need to know of the products, kept in memory (about 300,000 variants for M). */
    static final class Products {
        final int count;
        final int[] leaf;
        final long[] idMsb;
        final long[] idLsb;
        final String[] slug;
        final String[] titleFr;
        final String[] titleEn;
        final String[] materialFr;
        final String[] materialEn;
        final int[] brand;
        final long[] createdMillis;
        final int[] copyOf;
        final int[] firstVariant;
        final int[] variantCount;
        int variants;
        int[] price = new int[1024];
        int[] grams = new int[1024];
        String[] variantFr = new String[1024];
        String[] variantEn = new String[1024];
        /** New products only: the ones orders are made of. */
        final int[] sold;

        Products(int count) {
            this.count = count;
            leaf = new int[count];
            idMsb = new long[count];
            idLsb = new long[count];
            slug = new String[count];
            titleFr = new String[count];
            titleEn = new String[count];
            materialFr = new String[count];
            materialEn = new String[count];
            brand = new int[count];
            createdMillis = new long[count];
            copyOf = new int[count];
            firstVariant = new int[count];
            variantCount = new int[count];
            int newOnes = 0;
            for (int i = 0; i < count; i++) {
                newOnes += secondHand(i) ? 0 : 1;
            }
            sold = new int[newOnes];
        }

        static boolean secondHand(int i) {
            return i >= 48 && i % 40 == 39;
        }

        void addVariant(int cents, int weight, String fr, String en) {
            if (variants == price.length) {
                price = java.util.Arrays.copyOf(price, variants * 2);
                grams = java.util.Arrays.copyOf(grams, variants * 2);
                variantFr = java.util.Arrays.copyOf(variantFr, variants * 2);
                variantEn = java.util.Arrays.copyOf(variantEn, variants * 2);
            }
            price[variants] = cents;
            grams[variants] = weight;
            variantFr[variants] = fr;
            variantEn[variants] = en;
            variants++;
        }

        String sku(int product, int position) {
            return "%s%06d-%d".formatted(SKU_PREFIX, product + 1, position + 1);
        }

        int lowestPrice(int product) {
            int lowest = Integer.MAX_VALUE;
            for (int v = firstVariant[product]; v < firstVariant[product] + variantCount[product]; v++) {
                lowest = Math.min(lowest, price[v]);
            }
            return lowest;
        }
    }

    private final Scale scale;
    private final int orders;
    private final Connection db;
    private final CopyManager copy;
    private final JsonMapper json = JsonMapper.builder().build();
    private final VatEngine vat = VatEngine.withBundledData();
    private final List<Words.Leaf> leaves = Words.leaves();
    private final List<String> brands = new ArrayList<>();
    private final ExecutorService producer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "generator");
        thread.setDaemon(true);
        return thread;
    });
    private Products products;
    private long[] customerMsb;
    private long[] customerLsb;
    private long started;

    private DataGenerator(Scale scale, int orders, Connection db) throws SQLException {
        this.scale = scale;
        this.orders = orders;
        this.db = db;
        this.copy = db.unwrap(PGConnection.class).getCopyAPI();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DataGenerator S|M <jdbc-url> [orders] [paths-directory]");
            System.exit(2);
        }
        Scale scale;
        int orders;
        try {
            scale = Scale.of(args[0]);
            orders = args.length > 2 && !args[2].isBlank() ? Integer.parseInt(args[2].strip()) : scale.orders();
            if (orders < 0) {
                throw new IllegalArgumentException("orders: zero or more");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path paths = args.length > 3 && !args[3].isBlank() ? Path.of(args[3]) : null;
        String user = env("BENCH_DB_USER", "postgres");
        String password = env("BENCH_DB_PASSWORD", "postgres");
        try (Connection db = DriverManager.getConnection(args[1], user, password)) {
            DataGenerator generator = new DataGenerator(scale, orders, db);
            String refusal = generator.refusal();
            if (refusal != null) {
                System.err.println(refusal);
                System.exit(4);
            }
            generator.run(paths);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** Why the database cannot take the generated data, or null. */
    String refusal() throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet found = statement.executeQuery("""
                     SELECT to_regclass('search.document') IS NOT NULL AND to_regclass('orders.customer_order') IS NOT NULL,
                            EXISTS (SELECT 1 FROM catalog.category WHERE slug LIKE 'gen-%'),
                            EXISTS (SELECT 1 FROM catalog.variant WHERE sku LIKE 'GB-%'),
                            EXISTS (SELECT 1 FROM customer.account WHERE email LIKE 'bench-%@example.test')
                     """)) {
            found.next();
            if (!found.getBoolean(1)) {
                return "the database is not migrated: start the shop on it first, so its migrations run";
            }
            if (found.getBoolean(2) || found.getBoolean(3) || found.getBoolean(4)) {
                return "the database already holds generated data (categories gen-*, SKUs GB-*, or customers bench-*@example.test): "
                        + "generate into a new database";
            }
            return null;
        } catch (SQLException e) {
            return "the database is not migrated (" + e.getMessage().lines().findFirst().orElse("") + "): start the shop on it first";
        }
    }

    /**
     * Each product's count and rating sum of published reviews, which a trigger keeps when reviews are
     * written one by one; set from the reviews themselves, whether the trigger ran (ordinary user) or
     * not (superuser, replica role).
     */
    private void reviewCounts() throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate("""
                    UPDATE catalog.product p SET review_count = r.n, rating_sum = r.s
                    FROM (SELECT product_id, count(*) AS n, sum(rating) AS s FROM catalog.review
                          WHERE status = 'PUBLISHED' GROUP BY product_id) r
                    WHERE r.product_id = p.id AND (p.review_count, p.rating_sum) IS DISTINCT FROM (r.n, r.s)
                    """);
        }
    }

    void run(Path paths) throws Exception {
        started = System.nanoTime();
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit = off");
            // The rows refer only to rows written before them, so a superuser skips the foreign-key
            // checks (triggers) of this transaction: COPY then costs the indexes only.
            try (ResultSet role = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                if (role.next() && role.getBoolean(1)) {
                    statement.execute("SET LOCAL session_replication_role = replica");
                }
            }
        }
        step("categories and brands", this::categoriesAndBrands);
        step("products", this::products);
        step("review counts", this::reviewCounts);
        step("search documents", this::searchDocuments);
        step("customers", this::customers);
        if (orders > 0) {
            step("orders", this::orders);
        }
        db.commit();
        db.setAutoCommit(true);
        step("analyze", () -> {
            try (Statement statement = db.createStatement()) {
                for (String table : List.of("catalog.category", "catalog.brand", "catalog.product", "catalog.variant",
                        "catalog.attribute", "catalog.review", "catalog.acquisition", "inventory.stock",
                        "inventory.stock_at_location", "inventory.movement", "pricing.price_history", "search.document",
                        "customer.account", "customer.consent", "orders.customer_order", "orders.line", "orders.timeline")) {
                    statement.execute("ANALYZE " + table);
                }
            }
        });
        producer.shutdownNow();
        if (paths != null) {
            writePaths(paths);
        }
        System.out.printf(Locale.ROOT, "generated scale %s: %d products, %d customers, %d orders in %.1f s%n", scale.name(),
                scale.products(), scale.customers(), orders, (System.nanoTime() - started) / 1e9);
    }

    interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        System.out.printf(Locale.ROOT, "  %-22s %6.1f s%n", name, (System.nanoTime() - start) / 1e9);
        System.out.flush();
    }

    /** Makes each batch on the generator's thread, one batch ahead, and sends them in order. */
    private void pipeline(int batches, IntFunction<CopyBatch> make) throws Exception {
        List<Future<CopyBatch>> ahead = new ArrayList<>();
        int next = 0;
        for (int sent = 0; sent < batches; sent++) {
            while (next < batches && next <= sent + 1) {
                int batch = next++;
                ahead.add(producer.submit(() -> make.apply(batch)));
            }
            CopyBatch batch;
            try {
                batch = ahead.removeFirst().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            batch.send(copy);
        }
    }

    private static SplittableRandom random(long stream, long index) {
        return new SplittableRandom(SEED * 1_000_003L + stream * 0x9E3779B97F4A7C15L + index);
    }

    /** A time-ordered UUID (version 7) like the application's, its random bits drawn from {@code random}. */
    static UUID uuid7(long millis, SplittableRandom random) {
        long msb = (millis << 16) | 0x7000L | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static long between(Instant from, Instant to, double fraction) {
        return from.toEpochMilli() + (long) ((to.toEpochMilli() - from.toEpochMilli()) * fraction);
    }

    // Catalog

    static String categorySlug(Words.Root root) {
        return CATEGORY_PREFIX + root.slug();
    }

    static String categorySlug(Words.Leaf leaf) {
        return CATEGORY_PREFIX + Words.rootOf(leaf).slug() + "-" + leaf.slug();
    }

    private void categoriesAndBrands() throws SQLException {
        SplittableRandom random = random(1, 0);
        CopyBatch batch = new CopyBatch();
        int rootPosition = 100;
        List<UUID> rootIds = new ArrayList<>();
        for (Words.Root root : Words.ROOTS) {
            UUID id = uuid7(CATALOG_FROM.toEpochMilli(), random);
            rootIds.add(id);
            batch.row("catalog.category (id, parent_id, slug, position, name_fr, name_en, description_fr, description_en)")
                    .uuid(id).raw(null).text(categorySlug(root)).num(rootPosition++).text(root.name().fr()).text(root.name().en())
                    .text(root.name().fr() + " : une sélection générée pour les mesures de charge.")
                    .text(root.name().en() + ": a generated selection for load measurements.");
        }
        for (int r = 0; r < Words.ROOTS.size(); r++) {
            Words.Root root = Words.ROOTS.get(r);
            int position = 0;
            for (Words.Leaf leaf : root.leaves()) {
                batch.row("catalog.category (id, parent_id, slug, position, name_fr, name_en, description_fr, description_en)")
                        .uuid(uuid7(CATALOG_FROM.toEpochMilli(), random)).uuid(rootIds.get(r)).text(categorySlug(leaf))
                        .num(position++).text(leaf.name().fr()).text(leaf.name().en()).text("").text("");
            }
        }
        for (String first : Words.BRAND_FIRST) {
            for (String place : Words.BRAND_PLACE) {
                String name = first + " " + place;
                brands.add(name);
                batch.row("catalog.brand (id, slug, name)").uuid(uuid7(CATALOG_FROM.toEpochMilli(), random))
                        .text(CATEGORY_PREFIX + Words.slug(name)).text(name);
            }
        }
        batch.send(copy);
    }

    private UUID brandId(int brand) throws SQLException {
        try (var statement = db.prepareStatement("SELECT id FROM catalog.brand WHERE slug = ?")) {
            statement.setString(1, CATEGORY_PREFIX + Words.slug(brands.get(brand)));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }

    private UUID categoryId(String slug) throws SQLException {
        try (var statement = db.prepareStatement("SELECT id FROM catalog.category WHERE slug = ?")) {
            statement.setString(1, slug);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }

    /** Every product's title, prices and identity, drawn in order from one seed. */
    private Products model() throws SQLException {
        Products model = new Products(scale.products());
        SplittableRandom random = random(2, 0);
        // The shop's own products keep their addresses: a generated title that would take one gets a suffix.
        Set<String> slugs = new java.util.HashSet<>();
        try (Statement statement = db.createStatement(); ResultSet existing = statement.executeQuery("SELECT slug FROM catalog.product")) {
            while (existing.next()) {
                slugs.add(existing.getString(1));
            }
        }
        int sold = 0;
        for (int i = 0; i < model.count; i++) {
            int leafIndex = i % leaves.size();
            Words.Leaf leaf = leaves.get(leafIndex);
            model.leaf[i] = leafIndex;
            long created = between(CATALOG_FROM, CATALOG_TO, (i + random.nextDouble()) / model.count);
            model.createdMillis[i] = created;
            UUID id = uuid7(created, random);
            model.idMsb[i] = id.getMostSignificantBits();
            model.idLsb[i] = id.getLeastSignificantBits();
            model.firstVariant[i] = model.variants;
            if (Products.secondHand(i)) {
                int original = i - leaves.size();
                model.copyOf[i] = original;
                model.titleFr[i] = model.titleFr[original];
                model.titleEn[i] = model.titleEn[original];
                model.materialFr[i] = model.materialFr[original];
                model.materialEn[i] = model.materialEn[original];
                model.brand[i] = model.brand[original];
                int v = model.firstVariant[original];
                model.addVariant(roundedPrice(model.price[v] * (50 + random.nextInt(25)) / 100), model.grams[v],
                        model.variantFr[v], model.variantEn[v]);
                model.variantCount[i] = 1;
                model.slug[i] = Words.slug(model.titleFr[i]) + "-occasion-" + (i + 1);
                continue;
            }
            model.copyOf[i] = -1;
            model.sold[sold++] = i;
            Words.Title title = Words.title(leaf, random);
            model.titleFr[i] = title.fr();
            model.titleEn[i] = title.en();
            model.materialFr[i] = title.material().fr();
            model.materialEn[i] = title.material().en();
            model.brand[i] = (leafIndex * 5 + random.nextInt(5)) % brands.size();
            String slug = Words.slug(title.fr());
            model.slug[i] = slugs.add(slug) ? slug : slug + "-" + (i + 1);
            int base = roundedPrice(100 * leaf.minPrice() + random.nextInt(100 * (leaf.maxPrice() - leaf.minPrice()) + 1));
            int grams = leaf.minGrams() + random.nextInt(leaf.maxGrams() - leaf.minGrams() + 1);
            int count = random.nextInt(10) < 4 ? 1 : random.nextInt(10) < 6 ? 2 : 3;
            switch (leaf.axis()) {
                case SIZE -> {
                    int from = random.nextInt(Words.SIZES.size() - count + 1);
                    for (int v = 0; v < count; v++) {
                        String size = Words.SIZES.get(from + v);
                        model.addVariant(base, grams, "Taille " + size, "Size " + size);
                    }
                }
                case SHOE -> {
                    int from = 36 + random.nextInt(9 - count);
                    for (int v = 0; v < count; v++) {
                        model.addVariant(base, grams, "Pointure " + (from + v), "EU size " + (from + v));
                    }
                }
                case COLOUR -> {
                    int from = random.nextInt(Words.COLOURS.size());
                    for (int v = 0; v < count; v++) {
                        Words.Word colour = Words.COLOURS.get((from + v) % Words.COLOURS.size());
                        model.addVariant(base, grams, colour.fr(), colour.en());
                    }
                }
                case PACK -> {
                    count = Math.min(count, 2);
                    model.addVariant(base, grams, count == 1 ? "" : "À l'unité", count == 1 ? "" : "Single");
                    if (count == 2) {
                        model.addVariant(roundedPrice(base * 28 / 10), grams * 3, "Lot de 3", "Pack of 3");
                    }
                }
            }
            model.variantCount[i] = count;
        }
        // Second-hand copies have the original's address with their own suffix: unique already.
        return model;
    }

    /** Prices end in ,90 or ,00 (at least 1 €). */
    static int roundedPrice(int cents) {
        int euros = Math.max(1, cents / 100);
        return cents % 100 < 50 ? euros * 100 : euros * 100 + 90;
    }

    private static final String[] CONDITIONS = {"NEW_WITH_TAGS", "VERY_GOOD", "GOOD", "FAIR"};
    private static final String[] ORIGINS_FR = {"France", "Portugal", "Italie", "Espagne", "Allemagne"};
    private static final String[] ORIGINS_EN = {"France", "Portugal", "Italy", "Spain", "Germany"};
    private static final String[][] REVIEW_TEXTS = {
            {"Déçu", "Ne correspond pas à la description, je l'ai renvoyé."},
            {"Moyen", "Correct sans plus, les finitions laissent à désirer."},
            {"Bien", "Conforme à ce que j'attendais, livraison rapide."},
            {"Très bien", "Bonne qualité, je le recommande volontiers."},
            {"Parfait", "Excellent produit, solide et joliment fini. Je rachèterai."}};

    private void products() throws Exception {
        products = model();
        UUID[] categoryIds = new UUID[leaves.size()];
        String[] categoryNames = new String[leaves.size()];
        String[] paths = new String[leaves.size()];
        for (int l = 0; l < leaves.size(); l++) {
            Words.Leaf leaf = leaves.get(l);
            Words.Root root = Words.rootOf(leaf);
            categoryIds[l] = categoryId(categorySlug(leaf));
            categoryNames[l] = root.name().fr() + " " + root.name().en() + " " + leaf.name().fr() + " " + leaf.name().en();
            paths[l] = categorySlug(root) + "," + categorySlug(leaf);
        }
        UUID[] brandIds = new UUID[brands.size()];
        for (int b = 0; b < brands.size(); b++) {
            brandIds[b] = brandId(b);
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("""
                    CREATE TEMPORARY TABLE generated_document (slug TEXT, kind TEXT, path TEXT, brand TEXT, price NUMERIC(19, 4),
                        title_fr TEXT, title_en TEXT, categories TEXT, attributes TEXT, description TEXT, published_at TIMESTAMPTZ)
                        ON COMMIT DROP
                    """);
        }
        Products p = products;
        int batches = (p.count + PRODUCT_BATCH - 1) / PRODUCT_BATCH;
        pipeline(batches, b -> {
            CopyBatch batch = new CopyBatch();
            for (int i = b * PRODUCT_BATCH; i < Math.min(p.count, (b + 1) * PRODUCT_BATCH); i++) {
                product(batch, i, categoryIds, categoryNames, paths, brandIds);
            }
            return batch;
        });
    }

    private void product(CopyBatch batch, int i, UUID[] categoryIds, String[] categoryNames, String[] paths, UUID[] brandIds) {
        Products p = products;
        SplittableRandom random = random(3, i);
        Instant created = Instant.ofEpochMilli(p.createdMillis[i]);
        boolean used = p.copyOf[i] >= 0;
        String brand = brands.get(p.brand[i]);
        String condition = used ? CONDITIONS[random.nextInt(CONDITIONS.length)] : null;
        String descriptionFr = p.titleFr[i] + ", par " + brand + ". Fabrication soignée en " + p.materialFr[i].toLowerCase(Locale.ROOT)
                + ", pensée pour durer et se réparer ; garantie deux ans."
                + (used ? " Article d'occasion, vérifié et nettoyé par l'atelier." : "");
        String descriptionEn = p.titleEn[i] + ", by " + brand + ". Carefully made of " + p.materialEn[i].toLowerCase(Locale.ROOT)
                + ", built to last and to be repaired; two-year guarantee." + (used ? " Second-hand, checked and cleaned by the workshop." : "");
        int origin = random.nextInt(ORIGINS_FR.length);
        batch.row("catalog.product (id, slug, status, kind, category_id, brand_id, tax_category, title_fr, title_en, description_fr,"
                        + " description_en, featured, condition, defects_fr, defects_en, copy_of, created_at, published_at)")
                .uuid(new UUID(p.idMsb[i], p.idLsb[i])).text(p.slug[i]).raw("PUBLISHED").raw(used ? "SECOND_HAND" : "NEW")
                .uuid(categoryIds[p.leaf[i]]).uuid(brandIds[p.brand[i]]).raw(leaves.get(p.leaf[i]).taxCategory())
                .text(p.titleFr[i]).text(p.titleEn[i]).text(descriptionFr).text(descriptionEn).bool(false).raw(condition)
                .text("GOOD".equals(condition) || "FAIR".equals(condition) ? "Traces d'usage légères." : null)
                .text("GOOD".equals(condition) || "FAIR".equals(condition) ? "Light signs of use." : null)
                .uuid(used ? new UUID(p.idMsb[p.copyOf[i]], p.idLsb[p.copyOf[i]]) : null).time(created).time(created);
        String[][] attributes = {{"Matière", "Material", p.materialFr[i], p.materialEn[i]},
                {"Origine", "Origin", ORIGINS_FR[origin], ORIGINS_EN[origin]}};
        StringBuilder attributeWords = new StringBuilder();
        for (int a = 0; a < attributes.length; a++) {
            batch.row("catalog.attribute (product_id, position, name_fr, name_en, value_fr, value_en)")
                    .uuid(new UUID(p.idMsb[i], p.idLsb[i])).num(a).text(attributes[a][0]).text(attributes[a][1])
                    .text(attributes[a][2]).text(attributes[a][3]);
            attributeWords.append(a == 0 ? "" : " ").append(attributes[a][2]).append(' ').append(attributes[a][3]);
        }
        for (int v = 0; v < p.variantCount[i]; v++) {
            int index = p.firstVariant[i] + v;
            String sku = p.sku(i, v);
            batch.row("catalog.variant (id, product_id, sku, position, title_fr, title_en, price, currency, weight_grams)")
                    .uuid(uuid7(p.createdMillis[i], random)).uuid(new UUID(p.idMsb[i], p.idLsb[i])).text(sku).num(v)
                    .text(p.variantFr[index]).text(p.variantEn[index]).cents(p.price[index]).raw("EUR").num(p.grams[index]);
            int onHand = used ? 1 : switch (random.nextInt(100) / 8) {
                case 0 -> 0;
                case 1 -> 1 + random.nextInt(2);
                default -> 3 + random.nextInt(random.nextInt(10) < 8 ? 40 : 400);
            };
            batch.row("inventory.stock (sku, on_hand, reserved, updated_at)").text(sku).num(onHand).num(0).time(created);
            batch.row("inventory.stock_at_location (sku, location, on_hand, updated_at)").text(sku).raw("warehouse").num(onHand)
                    .time(created);
            batch.row("inventory.movement (sku, delta, on_hand, reason, reference, note, at, location, location_on_hand)")
                    .text(sku).num(onHand).num(onHand).raw("COUNT").raw(null).raw(null).time(created).raw("warehouse").num(onHand);
            batch.row("pricing.price_history (sku, effective_from, price, currency)").text(sku).time(created)
                    .cents(p.price[index]).raw("EUR");
        }
        if (used) {
            batch.row("catalog.acquisition (product_id, purchase_price, currency, seller_type)")
                    .uuid(new UUID(p.idMsb[i], p.idLsb[i])).cents(roundedPrice(p.price[p.firstVariant[i]] * 4 / 10)).raw("EUR")
                    .raw("PRIVATE");
        }
        // Reviews for about a quarter of the products, a few of them with many.
        if (random.nextInt(4) == 0) {
            int reviews = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 3);
            for (int r = 0; r < Math.min(reviews, 40); r++) {
                int rating = Math.min(5, 1 + random.nextInt(3) + random.nextInt(3));
                long at = between(created, ORDERS_TO, random.nextDouble());
                batch.row("catalog.review (id, product_id, author, rating, title, body, locale, status, created_at)")
                        .uuid(uuid7(at, random)).uuid(new UUID(p.idMsb[i], p.idLsb[i]))
                        .text(Words.pick(Words.FIRST_NAMES, random) + " " + Words.pick(Words.LAST_NAMES, random).charAt(0) + ".")
                        .num(rating).text(REVIEW_TEXTS[rating - 1][0]).text(REVIEW_TEXTS[rating - 1][1]).raw("fr").raw("PUBLISHED")
                        .time(Instant.ofEpochMilli(at));
            }
        }
        batch.row("generated_document (slug, kind, path, brand, price, title_fr, title_en, categories, attributes, description, published_at)")
                .text(p.slug[i]).raw(used ? "SECOND_HAND" : "NEW").text(paths[p.leaf[i]]).text(brand).cents(p.lowestPrice(i))
                .text(p.titleFr[i]).text(p.titleEn[i]).text(categoryNames[p.leaf[i]]).text(attributeWords.toString())
                .text(descriptionFr + " " + descriptionEn).time(created);
    }

    /** The search module's indexer's statement (search.ProductSearch#index), over every generated product at once. */
    private void searchDocuments() throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("""
                    INSERT INTO search.document (slug, kind, category_path, brand, price, title_fr, title_en, title_simple, body, published_at)
                    SELECT slug, kind, string_to_array(path, ','), brand, price, title_fr, title_en, search.simplify(title_fr || ' ' || title_en),
                           setweight(to_tsvector('search.fr', title_fr), 'A')
                           || setweight(to_tsvector('search.fr', title_en), 'B')
                           || setweight(to_tsvector('search.fr', coalesce(brand, '') || ' ' || categories || ' ' || attributes), 'B')
                           || setweight(to_tsvector('search.fr', description), 'D'),
                           published_at
                    FROM generated_document
                    """);
            statement.execute("DROP TABLE generated_document");
        }
    }

    // Customers

    record Person(String name, String line1, String postalCode, String city, boolean english) {
    }

    static Person person(int customer) {
        SplittableRandom random = random(4, customer);
        String name = Words.pick(Words.FIRST_NAMES, random) + " " + Words.pick(Words.LAST_NAMES, random);
        String line1 = (1 + random.nextInt(120)) + " " + Words.pick(Words.STREETS, random);
        String[] city = Words.pick(Words.CITIES, random);
        return new Person(name, line1, city[0], city[1], random.nextInt(10) == 0);
    }

    static String email(int customer) {
        return "bench-%06d@example.test".formatted(customer + 1);
    }

    private static final String CONSENT_FR = "J'accepte de recevoir par e-mail les nouveautés et les offres de la boutique"
            + " (désinscription possible à tout moment).";
    private static final String CONSENT_EN = "I agree to receive the shop's news and offers by email (you can unsubscribe at any time).";

    private void customers() throws Exception {
        String hash = passwordHash();
        customerMsb = new long[scale.customers()];
        customerLsb = new long[scale.customers()];
        int batches = (scale.customers() + CUSTOMER_BATCH - 1) / CUSTOMER_BATCH;
        pipeline(batches, b -> {
            CopyBatch batch = new CopyBatch();
            for (int c = b * CUSTOMER_BATCH; c < Math.min(scale.customers(), (b + 1) * CUSTOMER_BATCH); c++) {
                SplittableRandom random = random(5, c);
                Instant created = Instant.ofEpochMilli(between(CUSTOMERS_FROM, CUSTOMERS_TO, (c + random.nextDouble()) / scale.customers()));
                UUID id = uuid7(created.toEpochMilli(), random);
                customerMsb[c] = id.getMostSignificantBits();
                customerLsb[c] = id.getLeastSignificantBits();
                Person person = person(c);
                batch.row("customer.account (id, email, name, password_hash, locale, created_at, updated_at, password_changed_at)")
                        .uuid(id).text(email(c)).text(person.name()).text(hash).raw(person.english() ? "en" : "fr")
                        .time(created).time(created).time(created);
                batch.row("customer.consent (customer_id, purpose, granted, wording, source, recorded_at)")
                        .uuid(id).raw("MARKETING_EMAIL").bool(random.nextInt(10) < 3).text(person.english() ? CONSENT_EN : CONSENT_FR)
                        .raw("sign-up").time(created);
            }
            return batch;
        });
    }

    /**
     * "boucle-bench" hashed once as the application's password encoder does (Argon2id with Spring
     * Security 5.8's parameters, "{argon2}" prefix), with a fixed salt so the rows are the same on every run.
     */
    static String passwordHash() {
        byte[] salt = "boucle-bench-sal".getBytes(StandardCharsets.US_ASCII);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt).withParallelism(1)
                .withMemoryAsKB(1 << 14).withIterations(2).withVersion(Argon2Parameters.ARGON2_VERSION_13).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[32];
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        String encoded = "$argon2id$v=19$m=16384,t=2,p=1$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        if (!Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().matches(PASSWORD, encoded)) {
            throw new IllegalStateException("the password hash does not verify with the application's encoder");
        }
        return "{argon2}" + encoded;
    }

    // Orders

    private static final LocalizedText HOME = LocalizedText.of("Livraison à domicile", "Home delivery");
    private static final LocalizedText RELAY = LocalizedText.of("Livraison en point relais", "Relay point delivery");
    private static final LocalizedText EXPRESS = LocalizedText.of("Livraison express 24 h", "Express delivery (24 h)");

    /** The home delivery price in France from the default grid (VAT included), in cents. */
    static int homePrice(int grams, int goods) {
        if (goods >= 6000) {
            return 0;
        }
        return grams <= 500 ? 495 : grams <= 1000 ? (goods >= 3500 ? 495 : 695) : grams <= 2000 ? 795 : grams <= 5000 ? 1195
                : grams <= 10000 ? 1695 : 2695;
    }

    static int relayPrice(int grams, int goods) {
        if (goods >= 4500) {
            return 0;
        }
        return grams <= 1000 ? 395 : grams <= 2000 ? 495 : grams <= 5000 ? 695 : grams <= 10000 ? 995 : 1395;
    }

    static int expressPrice(int grams) {
        return grams <= 1000 ? 1290 : grams <= 5000 ? 1690 : grams <= 10000 ? 2290 : 3490;
    }

    private static final String ORDER_COLUMNS = "orders.customer_order (number, status, cart_id, access_token, email, locale,"
            + " currency, shipping_address, billing_address, delivery, subtotal, discount, delivery_price, total_vat, total, vat,"
            + " promotions, payment_method, payment_deadline, placed_at, paid_at, customer_id, vat_assessment)";

    private void orders() throws Exception {
        int batches = (orders + ORDER_BATCH - 1) / ORDER_BATCH;
        pipeline(batches, b -> {
            CopyBatch batch = new CopyBatch();
            for (int o = b * ORDER_BATCH; o < Math.min(orders, (b + 1) * ORDER_BATCH); o++) {
                order(batch, o);
            }
            return batch;
        });
    }

    private void order(CopyBatch batch, int o) {
        Products p = products;
        SplittableRandom random = random(6, o);
        String number = "B2025-%06d".formatted(o + 1);
        Instant placed = Instant.ofEpochMilli(between(ORDERS_FROM, ORDERS_TO, (o + random.nextDouble()) / orders));
        Instant paid = placed.plusSeconds(20 + random.nextInt(280));
        // Some customers order often: the first ones of a random order more than the others.
        int customer = (int) (scale.customers() * Math.pow(random.nextDouble(), 1.6));
        Person person = person(customer);
        Locale locale = person.english() ? Locale.ENGLISH : Locale.FRENCH;
        int lineCount = 1 + (random.nextInt(100) < 50 ? 0 : random.nextInt(100) < 60 ? 1 : random.nextInt(100) < 75 ? 2 : 3);
        List<int[]> lines = new ArrayList<>();
        Set<Integer> variants = new LinkedHashSet<>();
        while (lines.size() < lineCount) {
            int product = p.sold[(int) (p.sold.length * Math.pow(random.nextDouble(), 2))];
            int variant = p.firstVariant[product] + random.nextInt(p.variantCount[product]);
            if (variants.add(variant)) {
                int quantity = random.nextInt(100) < 80 ? 1 : random.nextInt(100) < 75 ? 2 : 3;
                lines.add(new int[] {product, variant, quantity});
            }
        }
        int goods = 0;
        int grams = 0;
        List<SaleLine> saleLines = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            int[] line = lines.get(l);
            goods += p.price[line[1]] * line[2];
            grams += p.grams[line[1]] * line[2];
            saleLines.add(SaleLine.goods(NewOrder.position(l), TaxCategory.valueOf(leaves.get(p.leaf[line[0]]).taxCategory()),
                    line[2], Money.ofMinor(p.price[line[1]], Money.EUR)));
        }
        int kind = random.nextInt(10);
        LocalDate day = LocalDate.ofInstant(placed, SHOP_ZONE);
        NewOrder.DeliveryChoice delivery;
        int home = homePrice(grams, goods);
        if (kind < 6) {
            delivery = new NewOrder.DeliveryChoice("home", "HOME", HOME, Money.ofMinor(home, Money.EUR), Money.ofMinor(home, Money.EUR),
                    day.plusDays(2), day.plusDays(4), null);
        } else if (kind < 9) {
            int relay = relayPrice(grams, goods);
            String[] city = {person.postalCode(), person.city()};
            String point = "Relais " + Words.pick(List.of("Tabac de la Gare", "Presse du Marché", "Pressing Central", "Fleurs et Cie"), random)
                    + ", " + (1 + random.nextInt(80)) + " " + Words.pick(Words.STREETS, random) + ", " + city[0] + " " + city[1]
                    + " (FR-" + (10_000 + random.nextInt(90_000)) + ")";
            delivery = new NewOrder.DeliveryChoice("relay", "RELAY", RELAY, Money.ofMinor(relay, Money.EUR), Money.ofMinor(relay, Money.EUR),
                    day.plusDays(3), day.plusDays(5), point);
        } else {
            delivery = new NewOrder.DeliveryChoice("express", "EXPRESS", EXPRESS, Money.ofMinor(expressPrice(grams), Money.EUR),
                    Money.ofMinor(home, Money.EUR), day.plusDays(1), day.plusDays(1), null);
        }
        VatAssessment assessment = vat.assess(new Sale(day, saleLines, delivery.price(),
                new Destination(CountryCode.of("FR"), person.postalCode()), new Buyer.Consumer(), DistanceSales.none()));
        List<NewOrder.VatLine> vatLines = new ArrayList<>();
        for (VatBreakdown row : assessment.breakdown()) {
            vatLines.add(new NewOrder.VatLine(row.rate().value(), row.taxableAmount(), row.vat()));
        }
        NewOrder.Address address = new NewOrder.Address(person.name(), person.line1(), null, person.postalCode(), person.city(), "FR");
        String addressJson = json.writeValueAsString(address);
        Money total = assessment.totals().payable();
        byte[] token = new byte[24];
        random.nextBytes(token);
        batch.row(ORDER_COLUMNS).text(number).raw("PAID").uuid(uuid7(placed.toEpochMilli() - 60_000, random))
                .raw(Base64.getUrlEncoder().withoutPadding().encodeToString(token)).text(email(customer)).raw(locale.toLanguageTag())
                .raw("EUR").text(addressJson).text(addressJson).text(json.writeValueAsString(delivery)).cents(goods).cents(0)
                .raw(delivery.price().amount().toPlainString()).raw(assessment.totals().vat().amount().toPlainString())
                .raw(total.amount().toPlainString()).text(json.writeValueAsString(vatLines)).raw("[]").raw("card")
                .time(placed.plus(Duration.ofMinutes(30))).time(placed).time(paid)
                .uuid(new UUID(customerMsb[customer], customerLsb[customer])).text(json.writeValueAsString(assessment));
        for (int l = 0; l < lines.size(); l++) {
            int[] line = lines.get(l);
            AssessedLine assessed = assessment.line(NewOrder.position(l));
            long lineTotal = (long) p.price[line[1]] * line[2];
            batch.row("orders.line (order_number, position, sku, product_slug, title, quantity, unit_price, discount, total, vat_rate,"
                            + " second_hand)")
                    .text(number).num(l + 1).text(p.sku(line[0], line[1] - p.firstVariant[line[0]])).text(p.slug[line[0]])
                    .text(person.english() ? p.titleEn[line[0]] : p.titleFr[line[0]]).num(line[2]).cents(p.price[line[1]]).cents(0)
                    .cents(lineTotal).raw(assessed.rate().value().toPlainString()).bool(false);
        }
        batch.row("orders.timeline (order_number, at, kind, detail)").text(number).time(placed).raw("PLACED").text(total.toString());
        batch.row("orders.timeline (order_number, at, kind, detail)").text(number).time(paid).raw("PAID")
                .uuid(uuid7(paid.toEpochMilli(), random));
    }

    // Paths for benchmarks

    private void writePaths(Path directory) throws IOException {
        Files.createDirectories(directory);
        SplittableRandom random = random(7, 0);
        Set<Integer> drawn = new LinkedHashSet<>();
        while (drawn.size() < Math.min(500, products.count)) {
            drawn.add(random.nextInt(products.count));
        }
        List<String> product = drawn.stream().map(i -> "/p/" + products.slug[i]).toList();
        List<String> category = new ArrayList<>();
        for (Words.Root root : Words.ROOTS) {
            category.add("/c/" + categorySlug(root));
            root.leaves().forEach(leaf -> category.add("/c/" + categorySlug(leaf)));
        }
        List<String> search = Words.SEARCHES.stream().map(q -> "/recherche?q=" + q.replace(' ', '+')).toList();
        Files.write(directory.resolve("product"), product);
        Files.write(directory.resolve("category"), category);
        Files.write(directory.resolve("search"), search);
    }
}
