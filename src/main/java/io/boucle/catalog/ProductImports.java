package io.boucle.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.shared.Identifiers;
import io.boucle.shared.InvalidField;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import and export of products ({@link ProductCsv}). An import runs in the background, one
 * row after the other, each row in its own transaction: a row with a problem writes nothing and is
 * reported (line, column, message), the others are imported. A row updates the product of its
 * {@code slug} (or, without one, the product that has its SKU) and the variant of its SKU, so
 * importing the same file again changes nothing and duplicates nothing. A column missing from the
 * file leaves that field as it is.
 * <p>
 * Imports run on the node that received the file, one at a time; one interrupted by a stop stays
 * "running" in the list (its rows imported so far are kept; importing the file again completes it).
 */
@Service
public class ProductImports {

    public static final int MAX_ROWS = 100_000;
    static final int MAX_ERRORS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ProductImports.class);
    private static final Pattern ROW_FIELD = Pattern.compile("^variants\\[\\d+]\\.(\\w+)$");

    public record RowError(int line, String column, String message) {
    }

    public record Status(UUID id, String fileName, String state, int total, int done, int imported, int failed,
            Instant createdAt, Instant finishedAt, List<RowError> errors) {

        public boolean running() {
            return "RUNNING".equals(state);
        }

        public int percent() {
            return total == 0 ? 100 : (int) Math.min(100, 100L * done / total);
        }
    }

    /** The most units a line's {@code stock} may set. */
    public static final int MAX_STOCK = 1_000_000;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Inventory inventory;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("product-import").factory());

    ProductImports(JdbcClient jdbc, Catalog catalog, Inventory inventory, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.inventory = inventory;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /**
     * Reads the file and starts importing its rows in the background.
     *
     * @throws ProductCsv.Unreadable when the file cannot be read as CSV at all (nothing started)
     */
    public UUID start(String fileName, byte[] file, String startedBy) {
        List<ProductCsv.Row> rows = ProductCsv.read(file);
        if (rows.size() > MAX_ROWS) {
            throw new ProductCsv.Unreadable("at most " + MAX_ROWS + " rows per file; this one has " + rows.size());
        }
        UUID id = Identifiers.newUuid(clock);
        String name = fileName == null || fileName.isBlank() ? "products.csv" : fileName.strip();
        jdbc.sql("""
                INSERT INTO catalog.product_import (id, file_name, started_by, status, total_rows, created_at)
                VALUES (:id, :name, :by, 'RUNNING', :total, :now)
                """)
                .param("id", id).param("name", name)
                .param("by", startedBy).param("total", rows.size()).param("now", Timestamp.from(clock.instant()))
                .update();
        String source = "CSV import " + (name.length() > 200 ? name.substring(0, 200) : name);
        runner.submit(() -> run(id, rows, source));
        return id;
    }

    public Optional<Status> status(UUID id) {
        List<RowError> errors = jdbc.sql("""
                SELECT line, column_name, message FROM catalog.product_import_error WHERE import_id = :id ORDER BY line, column_name
                """)
                .param("id", id)
                .query((row, n) -> new RowError(row.getInt("line"), row.getString("column_name"), row.getString("message")))
                .list();
        return jdbc.sql("SELECT * FROM catalog.product_import WHERE id = :id").param("id", id)
                .query((row, n) -> status(row, errors)).optional();
    }

    /** The latest imports, newest first (without their errors). */
    public List<Status> recent(int limit) {
        return jdbc.sql("SELECT * FROM catalog.product_import ORDER BY created_at DESC, id LIMIT :limit").param("limit", limit)
                .query((row, n) -> status(row, List.of())).list();
    }

    private static Status status(java.sql.ResultSet row, List<RowError> errors) throws java.sql.SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        return new Status(row.getObject("id", UUID.class), row.getString("file_name"), row.getString("status"),
                row.getInt("total_rows"), row.getInt("done_rows"), row.getInt("imported"), row.getInt("failed"),
                row.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant(), errors);
    }

    private void run(UUID id, List<ProductCsv.Row> rows, String source) {
        try {
            int errors = 0;
            for (ProductCsv.Row row : rows) {
                List<RowError> problems;
                try {
                    problems = importRow(row, source);
                } catch (RuntimeException e) {
                    log.warn("Product import {}: line {} failed", id, row.line(), e);
                    problems = List.of(new RowError(row.line(), "", "could not be imported: " + e.getClass().getSimpleName()));
                }
                boolean ok = problems.isEmpty();
                List<RowError> kept = problems.stream().limit(Math.max(0, MAX_ERRORS - errors)).toList();
                errors += kept.size();
                transactions.executeWithoutResult(status -> {
                    jdbc.sql("""
                            UPDATE catalog.product_import SET done_rows = done_rows + 1,
                                imported = imported + :ok, failed = failed + :failed WHERE id = :id
                            """).param("ok", ok ? 1 : 0).param("failed", ok ? 0 : 1).param("id", id).update();
                    for (RowError error : kept) {
                        jdbc.sql("""
                                INSERT INTO catalog.product_import_error (import_id, line, column_name, message)
                                VALUES (:id, :line, :column, :message)
                                """).param("id", id).param("line", error.line()).param("column", error.column())
                                .param("message", error.message()).update();
                    }
                });
            }
            finish(id, "DONE");
        } catch (RuntimeException e) {
            log.error("Product import {} stopped", id, e);
            finish(id, "FAILED");
        }
    }

    private void finish(UUID id, String state) {
        jdbc.sql("UPDATE catalog.product_import SET status = :state, finished_at = :now WHERE id = :id")
                .param("state", state).param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    /**
     * Imports one row in its own transaction, the product and its stock together; its problems, none
     * when it was imported (or was already so). {@code source} is written in the stock ledger.
     */
    List<RowError> importRow(ProductCsv.Row row, String source) {
        List<RowError> errors = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> {
                Read read = read(row, errors);
                if (!errors.isEmpty()) {
                    return;
                }
                NewProduct current = read.current();
                NewProduct product = read.product();
                if (current == null) {
                    catalog.add(product);
                } else if (!current.equals(product)) {
                    catalog.update(current.slug(), product);
                }
                if (read.stock() != null) {
                    try {
                        setStock(read.sku(), read.stock(), product.secondHand() != null, source + ", line " + row.line());
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        throw new StockRefused(e.getMessage());
                    }
                }
            });
        } catch (InvalidProduct e) {
            for (InvalidProduct.Problem problem : e.problems()) {
                errors.add(new RowError(row.line(), column(problem.field()), problem.message()));
            }
        } catch (StockRefused e) {
            // e.g. fewer units than are reserved for orders: the row's product is not written either
            errors.add(new RowError(row.line(), "stock", e.getMessage()));
        }
        return errors;
    }

    /** The inventory refused a row's stock. */
    private static final class StockRefused extends RuntimeException {

        StockRefused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Brings the SKU's units on hand (all locations together, as the export writes them) to
     * {@code onHand} by an adjustment of its default location, with the import as the reason in the
     * ledger; nothing when it has them already. A SKU the inventory has never counted gets a first
     * count instead (an adjustment needs a count to start from), and none for 0.
     */
    private void setStock(String sku, int onHand, boolean unique, String reason) {
        String location = inventory.defaultLocation().code();
        int most = unique ? 1 : Integer.MAX_VALUE;
        if (inventory.stock(sku).isEmpty()) {
            if (onHand > 0) {
                inventory.setOnHandAt(sku, location, onHand, reason, most);
            }
            return;
        }
        int delta = onHand - inventory.levels(List.of(sku)).get(sku).onHand();
        if (delta != 0) {
            inventory.adjustAt(sku, location, delta, reason, most);
        }
    }

    /** A row read: the product as it is (null when new) and as the row makes it, its SKU, and the stock asked (null: unchanged). */
    private record Read(NewProduct current, NewProduct product, String sku, Integer stock) {
    }

    private Read read(ProductCsv.Row row, List<RowError> errors) {
        int line = row.line();
        if (row.has("!fields")) {
            errors.add(new RowError(line, "", row.get("!fields", "")));
            return null;
        }
        String sku = row.get("sku", "");
        if (sku.isEmpty()) {
            errors.add(new RowError(line, "sku", "required"));
            return null;
        }
        String slug = row.get("slug", "");
        Optional<String> owner = jdbc.sql("""
                SELECT p.slug FROM catalog.variant v JOIN catalog.product p ON p.id = v.product_id WHERE v.sku = :sku
                """).param("sku", sku).query(String.class).optional();
        String target;
        if (!slug.isEmpty()) {
            if (owner.isPresent() && !owner.get().equals(slug)) {
                errors.add(new RowError(line, "sku", "the SKU '" + sku + "' is already used by the product '" + owner.get() + "'"));
                return null;
            }
            target = slug;
        } else if (owner.isPresent()) {
            target = owner.get();
        } else {
            // Rows of one product without a slug: the first one creates it, the next ones add their variant.
            target = Catalog.slugOf(row.get("title_fr", ""));
        }
        NewProduct current = target.isEmpty() ? null : catalog.editable(target).orElse(null);
        NewProduct.NewVariant currentVariant = current == null ? null
                : current.variants().stream().filter(v -> v.sku().equals(sku)).findFirst().orElse(null);

        String titleFr = row.get("title_fr", current == null ? "" : current.title().fr());
        String titleEn = row.get("title_en", current == null ? "" : current.title().en());
        String descriptionFr = row.get("description_fr", current == null ? "" : current.description().fr());
        String descriptionEn = row.get("description_en", current == null ? "" : current.description().en());
        String status = row.get("status", current == null ? "DRAFT" : current.publish() ? "PUBLISHED" : "DRAFT")
                .toUpperCase(Locale.ROOT);
        if (!status.isEmpty() && !status.equals("PUBLISHED") && !status.equals("DRAFT")) {
            errors.add(new RowError(line, "status", "PUBLISHED or DRAFT, not '" + status + "'"));
        }
        String featured = row.get("featured", current != null && current.featured() ? "true" : "false").toLowerCase(Locale.ROOT);
        if (!List.of("", "true", "false", "1", "0", "yes", "no", "oui", "non").contains(featured)) {
            errors.add(new RowError(line, "featured", "true or false"));
        }
        String tax = row.get("tax_category", current == null ? "STANDARD" : current.taxCategory());

        String priceText = row.get("price", currentVariant == null ? "" : currentVariant.price().amount().toPlainString());
        Money price = null;
        if (priceText.isEmpty()) {
            errors.add(new RowError(line, "price", "required"));
        } else if ((price = money(priceText)) == null) {
            errors.add(new RowError(line, "price", "an amount in euros such as 12.50, not '" + priceText + "'"));
        }
        String weightText = row.get("weight_grams", currentVariant == null || currentVariant.weightGrams() == null ? ""
                : currentVariant.weightGrams().toString());
        Integer weight = null;
        if (!weightText.isEmpty()) {
            try {
                weight = Integer.valueOf(weightText);
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, "weight_grams", "a whole number of grams, not '" + weightText + "'"));
            }
        }
        String optionFr = row.get("option_fr", currentVariant == null || currentVariant.title() == null ? "" : currentVariant.title().fr());
        String optionEn = row.get("option_en", currentVariant == null || currentVariant.title() == null ? "" : currentVariant.title().en());
        String barcode = row.get("barcode", currentVariant == null || currentVariant.barcode() == null ? "" : currentVariant.barcode());

        List<ProductDetails.Attribute> attributes = current == null ? List.of() : current.attributes();
        if (row.has("attributes_fr") || row.has("attributes_en")) {
            List<String[]> fr = pairs(row.get("attributes_fr", ""));
            List<String[]> en = row.has("attributes_en") ? pairs(row.get("attributes_en", "")) : fr;
            if (fr == null || en == null) {
                errors.add(new RowError(line, fr == null ? "attributes_fr" : "attributes_en", "name=value pairs separated by |"));
            } else if (!en.isEmpty() && en.size() != fr.size()) {
                errors.add(new RowError(line, "attributes_en", "as many pairs as attributes_fr (" + fr.size() + ")"));
            } else {
                List<ProductDetails.Attribute> parsed = new ArrayList<>();
                for (int i = 0; i < fr.size(); i++) {
                    String[] english = en.isEmpty() ? fr.get(i) : en.get(i);
                    parsed.add(new ProductDetails.Attribute(LocalizedText.of(fr.get(i)[0], english[0]),
                            LocalizedText.of(fr.get(i)[1], english[1])));
                }
                attributes = parsed;
            }
        }

        NewProduct.SecondHand currentUsed = current == null ? null : current.secondHand();
        String condition = row.get("condition", currentUsed == null ? "" : currentUsed.condition().name()).toUpperCase(Locale.ROOT);
        NewProduct.SecondHand used = null;
        if (!condition.isEmpty()) {
            Condition grade = null;
            try {
                grade = Condition.valueOf(condition);
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(line, "condition", "one of NEW_WITH_TAGS, VERY_GOOD, GOOD, FAIR, or empty for a new product"));
            }
            String paidText = row.get("purchase_price", currentUsed == null || currentUsed.purchasePrice() == null ? ""
                    : currentUsed.purchasePrice().amount().toPlainString());
            Money paid = paidText.isEmpty() ? null : money(paidText);
            if (!paidText.isEmpty() && paid == null) {
                errors.add(new RowError(line, "purchase_price", "an amount in euros such as 12.50, not '" + paidText + "'"));
            }
            String sellerText = row.get("seller_type", currentUsed == null || currentUsed.seller() == null ? ""
                    : currentUsed.seller().name()).toUpperCase(Locale.ROOT);
            SellerType seller = null;
            if (!sellerText.isEmpty()) {
                try {
                    seller = SellerType.valueOf(sellerText);
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(line, "seller_type", "one of PRIVATE, MARGIN_SCHEME_DEALER, VAT_REGISTERED"));
                }
            }
            String defectsFr = row.get("defects_fr", currentUsed == null || currentUsed.defects() == null ? "" : currentUsed.defects().fr());
            String defectsEn = row.get("defects_en", currentUsed == null || currentUsed.defects() == null ? "" : currentUsed.defects().en());
            String copyOf = row.get("copy_of", currentUsed == null || currentUsed.copyOfSlug() == null ? "" : currentUsed.copyOfSlug());
            used = new NewProduct.SecondHand(grade, defectsFr.isEmpty() ? null : LocalizedText.of(defectsFr, defectsEn), paid,
                    seller, copyOf.isEmpty() ? null : copyOf);
        }
        if (titleFr.isEmpty()) {
            errors.add(new RowError(line, "title_fr", "required"));
        }
        Integer stock = null;
        String stockText = row.get("stock", "");
        if (!stockText.isEmpty()) {
            if (!stockText.matches("\\d{1,7}") || Integer.parseInt(stockText) > MAX_STOCK) {
                errors.add(new RowError(line, "stock", "a whole number of units from 0 to " + MAX_STOCK + ", not '" + stockText + "'"));
            } else {
                stock = Integer.valueOf(stockText);
                if (!condition.isEmpty() && stock > 1) {
                    errors.add(new RowError(line, "stock", "a second-hand item is unique: 0 or 1, not " + stock));
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        NewProduct.NewVariant variant = new NewProduct.NewVariant(sku, optionFr.isEmpty() ? null : LocalizedText.of(optionFr, optionEn),
                price, weight, barcode.isEmpty() ? null : barcode);
        List<NewProduct.NewVariant> variants = new ArrayList<>(current == null ? List.of() : current.variants());
        int at = variants.indexOf(currentVariant);
        if (at >= 0) {
            variants.set(at, variant);
        } else {
            variants.add(variant);
        }
        String metaTitle = row.get("meta_title", current == null || current.metaTitle() == null ? "" : current.metaTitle());
        String metaDescription = row.get("meta_description",
                current == null || current.metaDescription() == null ? "" : current.metaDescription());
        String brand = row.get("brand", current == null || current.brandSlug() == null ? "" : current.brandSlug());
        NewProduct product = new NewProduct(current != null ? current.slug() : slug.isEmpty() ? null : slug,
                row.get("category", current == null ? "" : current.categorySlug()), brand.isEmpty() ? null : brand,
                tax.isEmpty() ? "STANDARD" : tax, LocalizedText.of(titleFr, titleEn), LocalizedText.of(descriptionFr, descriptionEn),
                List.copyOf(variants), List.copyOf(attributes), used, List.of("true", "1", "yes", "oui").contains(featured),
                "PUBLISHED".equals(status), metaTitle.isEmpty() ? null : metaTitle,
                metaDescription.isEmpty() ? null : metaDescription);
        return new Read(current, product, sku, stock);
    }

    /** The CSV column of a catalog field. */
    static String column(String field) {
        Matcher variant = ROW_FIELD.matcher(field);
        if (variant.matches()) {
            return switch (variant.group(1)) {
                case "title" -> "option_fr";
                case "weight" -> "weight_grams";
                default -> variant.group(1);
            };
        }
        if (field.startsWith("attributes")) {
            return "attributes_fr";
        }
        return switch (field) {
            case "title" -> "title_fr";
            case "description" -> "description_fr";
            case "taxCategory" -> "tax_category";
            case "metaTitle" -> "meta_title";
            case "metaDescription" -> "meta_description";
            case "variants" -> "sku";
            case "secondHand.condition" -> "condition";
            case "secondHand.seller" -> "seller_type";
            case "secondHand.purchasePrice" -> "purchase_price";
            case "secondHand.copyOf" -> "copy_of";
            case "secondHand.defects" -> "defects_fr";
            default -> field;
        };
    }

    // Export

    /**
     * Every product, drafts included, one line per variant with its units on hand (all locations
     * together), in the form {@link #start} reads back.
     */
    public void export(Appendable out) {
        try {
            out.append(ProductCsv.header());
            for (String slug : catalog.allSlugs()) {
                Optional<NewProduct> found = catalog.editable(slug);
                if (found.isEmpty()) {
                    continue;
                }
                NewProduct p = found.get();
                NewProduct.SecondHand used = p.secondHand();
                Map<String, StockLevel> stock = inventory.levels(p.variants().stream().map(NewProduct.NewVariant::sku).toList());
                for (NewProduct.NewVariant v : p.variants()) {
                    out.append(ProductCsv.line(List.of(p.slug(), v.sku(), p.publish() ? "PUBLISHED" : "DRAFT", p.title().fr(),
                            p.title().en(), p.description().fr(), p.description().en(), p.categorySlug(), nz(p.brandSlug()),
                            p.taxCategory(), nz(p.metaTitle()), nz(p.metaDescription()), Boolean.toString(p.featured()),
                            v.title() == null ? "" : v.title().fr(), v.title() == null ? "" : v.title().en(),
                            amount(v.price()), v.weightGrams() == null ? "" : v.weightGrams().toString(), nz(v.barcode()),
                            join(p.attributes(), true), join(p.attributes(), false),
                            used == null ? "" : used.condition().name(),
                            used == null || used.defects() == null ? "" : used.defects().fr(),
                            used == null || used.defects() == null ? "" : used.defects().en(),
                            used == null || used.purchasePrice() == null ? "" : amount(used.purchasePrice()),
                            used == null || used.seller() == null ? "" : used.seller().name(),
                            used == null ? "" : nz(used.copyOfSlug()), Integer.toString(stock.get(v.sku()).onHand()))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String amount(Money money) {
        BigDecimal amount = money.amount().stripTrailingZeros();
        return amount.setScale(Math.max(2, amount.scale())).toPlainString();
    }

    private static String join(List<ProductDetails.Attribute> attributes, boolean french) {
        return String.join("|", attributes.stream().map(a -> escape((french ? a.name().fr() : a.name().en())) + "="
                + escape(french ? a.value().fr() : a.value().en())).toList());
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=");
    }

    /** "Matière=Fonte|Couleur=Noir" → pairs; null when malformed. Backslash escapes | = and \. */
    static List<String[]> pairs(String text) {
        List<String[]> pairs = new ArrayList<>();
        if (text.isBlank()) {
            return pairs;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        String name = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(text.charAt(++i));
            } else if (c == '=' && name == null) {
                name = part.toString().strip();
                part.setLength(0);
            } else if (c == '|') {
                if (name == null) {
                    return null;
                }
                pairs.add(new String[] { name, part.toString().strip() });
                name = null;
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (name == null) {
            return null;
        }
        pairs.add(new String[] { name, part.toString().strip() });
        parts.clear();
        return pairs;
    }

    private static Money money(String text) {
        try {
            return Money.euros(text.replace(',', '.').replace("€", "").replace(" ", "").replace("\u00a0", "").strip());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
