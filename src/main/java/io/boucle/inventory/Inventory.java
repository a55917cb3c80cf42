package io.boucle.inventory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.boucle.audit.Audit;
import io.boucle.shared.InvalidField;
import io.boucle.shared.KeptValues;
import io.boucle.shared.Page;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stock per SKU: what is on hand, what is held for unpaid orders, and the ledger of every change.
 * <p>
 * Stock is kept at {@linkplain Location locations} (warehouses, shops). A SKU's stock row holds what
 * can be sold online: the sum of what the locations sellable online have. Every change at a location
 * (count, adjustment, transfer, return) changes that row in the same transaction. A sale only changes
 * the stock row, as its transaction must stay short; its ledger line has no location until
 * {@link #allocateSales} (or the next change of the SKU at a location) takes its units from the online
 * locations, in their order. So, for each SKU, the online locations' levels less the units sold and
 * not yet taken equal what is on hand online.
 * <p>
 * A reservation takes stock with one conditional update per SKU ({@code on_hand - reserved >= quantity}),
 * so stock can never go negative and a unique second-hand item (stock 1) is sold once, whatever the
 * concurrency. Callers make it the last statement of their transaction: the SKU's row stays locked
 * from the update to the commit, and a shorter hold lets more buyers through a hot SKU.
 */
@Service
public class Inventory {

    /** The longest note a ledger line keeps. */
    public static final int MAX_NOTE = 500;

    /** The longest name of a location. */
    public static final int MAX_LOCATION_NAME = 100;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Inventory.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SoldOutMemory soldOut;
    private final TransactionTemplate transaction;
    private final Audit audit;
    /**
     * The stock locations, which every stock page reads and which change rarely: kept 10 s, forgotten
     * on this node when one is opened (another node's opening shows within 10 s).
     */
    private final KeptValues<Boolean, List<Location>> keptLocations = new KeptValues<>(Duration.ofSeconds(10), 1);

    Inventory(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            @Value("${boucle.inventory.sold-out-memory:PT1S}") Duration soldOutMemory, Audit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
        this.soldOut = new SoldOutMemory(soldOutMemory, System::nanoTime);
    }

    /** Sets what is on hand after a count; it cannot go below what is already reserved. */
    @Transactional
    public StockLevel setOnHand(String sku, int onHand) {
        return setOnHand(sku, onHand, null);
    }

    /**
     * Sets what is on hand after a count, with a note for the ledger (may be null); it cannot go below
     * what is already reserved.
     *
     * @throws InvalidField          on {@code onHand} when it is negative
     * @throws IllegalStateException when it is less than what is reserved for orders
     */
    @Transactional
    public StockLevel setOnHand(String sku, int onHand, String note) {
        return setOnHandAt(sku, defaultLocation().code(), onHand, note);
    }

    /**
     * Adds or removes units (a delivery from a supplier, breakage, a found item), with the reason
     * written in the ledger.
     *
     * @throws InvalidField          on {@code delta} when it is zero or would remove more than is on hand, on
     *                               {@code reason} when there is none; nothing is changed then
     * @throws IllegalStateException when it would remove units reserved for orders
     */
    @Transactional
    public StockLevel adjust(String sku, int delta, String reason) {
        return adjustAt(sku, defaultLocation().code(), delta, reason);
    }

    /**
     * Below or at this many units available, the SKU is low: a {@link LowStock} event tells so, also
     * when the new threshold itself makes it low.
     */
    @Transactional
    public StockRow setLowStockThreshold(String sku, int threshold) {
        requireSku(sku);
        if (threshold < 0) {
            throw new InvalidField("lowStockThreshold", "cannot be negative");
        }
        StockRow before = lockedRowIfAny(sku)
                .orElseThrow(() -> new IllegalArgumentException("sku: no stock is kept for '" + sku + "'"));
        jdbc.sql("UPDATE inventory.stock SET low_stock_threshold = :threshold, updated_at = :now WHERE sku = :sku")
                .param("threshold", threshold).param("now", now()).param("sku", sku).update();
        StockRow after = new StockRow(sku, before.onHand(), before.reserved(), threshold);
        if (after.low() && !before.low()) {
            events.publishEvent(new LowStock(sku, after.available(), threshold, Instant.now(clock)));
        }
        audit.record("stock.threshold", "sku", sku, "low-stock threshold " + before.lowStockThreshold() + " → " + threshold);
        return after;
    }

    /**
     * Holds stock for {@code reference} (an order number) until {@code expiresAt}: all SKUs or none.
     * Must run inside the caller's transaction, which a {@link OutOfStock} rolls back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(String reference, Map<String, Integer> quantities, Instant expiresAt) {
        if (quantities.isEmpty()) {
            throw new IllegalArgumentException("nothing to reserve");
        }
        // Sorted, so two orders sharing SKUs lock them in the same order and never deadlock.
        TreeMap<String, Integer> sorted = new TreeMap<>(quantities);
        sorted.forEach((sku, quantity) -> {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity of '" + sku + "' must be positive");
            }
            if (soldOut.isSoldOut(sku)) {
                throw new OutOfStock(sku, 0);
            }
        });
        Timestamp now = now();
        jdbc.sql("""
                INSERT INTO inventory.reservation (reference, sku, quantity, status, expires_at, created_at)
                SELECT :reference, sku, quantity, 'HELD', :expiresAt, :now
                FROM unnest(CAST(:skus AS TEXT[]), CAST(:quantities AS INT[])) AS wanted(sku, quantity)
                """)
                .param("reference", reference).param("expiresAt", Timestamp.from(expiresAt)).param("now", now)
                .param("skus", sorted.keySet().toArray(String[]::new))
                .param("quantities", sorted.values().toArray(Integer[]::new))
                .update();
        sorted.forEach((sku, quantity) -> {
            java.util.Optional<StockRow> after = jdbc.sql("""
                    UPDATE inventory.stock SET reserved = reserved + :quantity, updated_at = :now
                    WHERE sku = :sku AND on_hand - reserved >= :quantity
                    RETURNING sku, on_hand, reserved, low_stock_threshold
                    """)
                    .param("quantity", quantity).param("now", now).param("sku", sku).query(Inventory::row).optional();
            after.filter(row -> row.low() && row.available() + quantity > row.lowStockThreshold())
                    .ifPresent(row -> events.publishEvent(new LowStock(sku, row.available(), row.lowStockThreshold(),
                            now.toInstant())));
            if (after.isEmpty()) {
                int available = jdbc.sql("SELECT on_hand - reserved FROM inventory.stock WHERE sku = :sku")
                        .param("sku", sku).query(Integer.class).optional().orElse(0);
                if (available <= 0) {
                    soldOut.soldOut(sku);
                }
                throw new OutOfStock(sku, available);
            }
        });
    }

    /**
     * The order was paid: what it held leaves the stock for good. Does nothing the second time.
     * <p>
     * Consuming does not change what is available (held units were already unavailable), so it
     * never waits for a SKU's row: when another transaction holds it (a hot SKU in a flash sale,
     * where every buyer's reservation locks it), the units stay counted in the row's on-hand and
     * reserved figures, marked not yet folded, and {@link #foldSold()} takes them off shortly after.
     * Buyers then queue on a hot row once per order, for their reservation's commit only.
     */
    @Transactional
    public void consume(String reference) {
        Timestamp now = now();
        Map<String, Integer> consumed = new TreeMap<>(jdbc.sql("""
                        UPDATE inventory.reservation SET status = 'CONSUMED', settled_at = :now, folded = FALSE
                        WHERE reference = :reference AND status = 'HELD'
                        RETURNING sku, quantity
                        """)
                .param("now", now).param("reference", reference)
                .query((row, n) -> Map.entry(row.getString("sku"), row.getInt("quantity")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        consumed.forEach((sku, quantity) -> jdbc.sql("""
                        WITH free AS (
                            SELECT sku FROM inventory.stock WHERE sku = :sku FOR UPDATE SKIP LOCKED),
                        sold AS (
                            UPDATE inventory.stock s SET reserved = s.reserved - :quantity, on_hand = s.on_hand - :quantity,
                                updated_at = :now
                            FROM free WHERE s.sku = free.sku
                            RETURNING s.on_hand),
                        folded AS (
                            UPDATE inventory.reservation r SET folded = TRUE
                            FROM sold WHERE r.reference = :reference AND r.sku = :sku)
                        INSERT INTO inventory.movement (sku, delta, on_hand, reason, reference, at)
                        SELECT :sku, -:quantity, on_hand, 'SOLD', :reference, :now FROM sold
                        """)
                .param("quantity", quantity).param("now", now).param("sku", sku).param("reference", reference)
                .update());
    }

    /**
     * Takes the units of paid orders that {@link #consume} left on busy rows off them, waiting for
     * each row; the ledger gets one line per order. Returns the number of SKUs folded.
     */
    public int foldSold() {
        List<String> skus = jdbc.sql("""
                        SELECT DISTINCT sku FROM inventory.reservation WHERE status = 'CONSUMED' AND NOT folded ORDER BY sku
                        """)
                .query(String.class).list();
        skus.forEach(sku -> transaction.executeWithoutResult(status -> foldSold(sku)));
        return skus.size();
    }

    private void foldSold(String sku) {
        // One lock of the row for all the orders waiting; running on-hand figures in the ledger's order.
        jdbc.sql("""
                        WITH batch AS (
                            UPDATE inventory.reservation SET folded = TRUE
                            WHERE sku = :sku AND status = 'CONSUMED' AND NOT folded
                            RETURNING reference, quantity),
                        total AS (
                            SELECT sum(quantity) AS quantity FROM batch),
                        sold AS (
                            UPDATE inventory.stock s SET reserved = s.reserved - total.quantity,
                                on_hand = s.on_hand - total.quantity, updated_at = :now
                            FROM total WHERE s.sku = :sku AND total.quantity IS NOT NULL
                            RETURNING s.on_hand + total.quantity AS on_hand_before)
                        INSERT INTO inventory.movement (sku, delta, on_hand, reason, reference, at)
                        SELECT :sku, -batch.quantity,
                               sold.on_hand_before - sum(batch.quantity) OVER (ORDER BY batch.reference), 'SOLD',
                               batch.reference, :now
                        FROM batch, sold ORDER BY batch.reference
                        """)
                .param("sku", sku).param("now", now()).update();
    }

    /**
     * True when {@code sku} was found sold out a moment ago: a checkout can answer at once, without
     * waiting behind the buyers holding its row. False says nothing: the reservation decides.
     */
    public boolean recentlySoldOut(String sku) {
        return soldOut.isSoldOut(sku);
    }

    /** The order was cancelled or its payment never came: what it held can be sold again. Does nothing the second time. */
    @Transactional
    public void release(String reference) {
        settle(reference, "RELEASED").forEach((sku, quantity) -> {
            jdbc.sql("UPDATE inventory.stock SET reserved = reserved - :quantity, updated_at = :now WHERE sku = :sku")
                    .param("quantity", quantity).param("now", now()).param("sku", sku).update();
            soldOut.restocked(sku);
        });
    }

    /** Units given back to the stock (a returned item fit for sale). */
    @Transactional
    public StockLevel restock(String sku, int quantity, String reference) {
        requireSku(sku);
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity: must be positive");
        }
        Location at = defaultLocation();
        StockRow before = lockedRow(sku);
        Map<String, Integer> levels = lockLevels(sku, List.of(at.code()));
        return apply(before, List.of(new Step(at, levels.get(at.code()), quantity)), "RETURNED", reference, null);
    }

    /** What each SKU of a reference holds now (held ones only). */
    @Transactional(readOnly = true)
    public Map<String, Integer> held(String reference) {
        return jdbc.sql("SELECT sku, quantity FROM inventory.reservation WHERE reference = :reference AND status = 'HELD'")
                .param("reference", reference)
                .query((row, n) -> Map.entry(row.getString("sku"), row.getInt("quantity")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The stock of each SKU asked for; an SKU never counted has none. */
    @Transactional(readOnly = true)
    public Map<String, StockLevel> levels(Collection<String> skus) {
        // Units sold but not yet folded (see consume) are taken off both figures.
        Map<String, StockLevel> found = skus.isEmpty() ? Map.of() : jdbc.sql("""
                        SELECT s.sku, s.on_hand - coalesce(u.quantity, 0) AS on_hand,
                               s.reserved - coalesce(u.quantity, 0) AS reserved
                        FROM inventory.stock s
                        LEFT JOIN (SELECT sku, sum(quantity) AS quantity FROM inventory.reservation
                                   WHERE status = 'CONSUMED' AND NOT folded AND sku IN (:skus) GROUP BY sku) u USING (sku)
                        WHERE s.sku IN (:skus)
                        """)
                .param("skus", skus)
                .query((row, n) -> new StockLevel(row.getString("sku"), row.getInt("on_hand"), row.getInt("reserved")))
                .list().stream().collect(Collectors.toMap(StockLevel::sku, Function.identity()));
        return skus.stream().distinct().collect(Collectors.toMap(Function.identity(),
                sku -> found.getOrDefault(sku, new StockLevel(sku, 0, 0))));
    }

    /** Units available to sell across several SKUs (e.g. every variant of a product). */
    public int available(Collection<String> skus) {
        return levels(skus).values().stream().mapToInt(StockLevel::available).sum();
    }

    /** Stock rows for the back office, SKUs containing {@code sku} (any when blank), the lowest availability first when {@code lowOnly}. */
    @Transactional(readOnly = true)
    public Page<StockRow> list(String sku, boolean lowOnly, int page, int size) {
        return list(sku, List.of(), lowOnly ? StockFilter.LOW : StockFilter.ALL, page, size);
    }

    /**
     * Stock rows for the back office, the lowest availability first: those whose SKU contains
     * {@code text} (any when blank) or is one of {@code alsoSkus} (e.g. the SKUs of products whose
     * title matches), kept to {@code filter}.
     */
    @Transactional(readOnly = true)
    public Page<StockRow> list(String text, Collection<String> alsoSkus, StockFilter filter, int page, int size) {
        String pattern = "%" + (text == null ? "" : text.strip()).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        String where = "WHERE (sku ILIKE :pattern OR sku = ANY(CAST(:skus AS TEXT[])))" + switch (filter) {
            case ALL -> "";
            case LOW -> " AND on_hand - reserved <= low_stock_threshold";
            case SOLD_OUT -> " AND on_hand - reserved <= 0";
        };
        String[] skus = alsoSkus.toArray(String[]::new);
        long total = jdbc.sql("SELECT count(*) FROM inventory.stock " + where)
                .param("pattern", pattern).param("skus", skus).query(Long.class).single();
        List<StockRow> rows = jdbc.sql("SELECT sku, on_hand, reserved, low_stock_threshold FROM inventory.stock " + where
                        + " ORDER BY on_hand - reserved, sku LIMIT :size OFFSET :offset")
                .param("pattern", pattern).param("skus", skus).param("size", size).param("offset", (long) page * size)
                .query(Inventory::row).list();
        return new Page<>(rows, page, size, total);
    }

    /** The stock of one SKU with its threshold; empty when no stock was ever counted for it. */
    @Transactional(readOnly = true)
    public java.util.Optional<StockRow> stock(String sku) {
        return jdbc.sql("SELECT sku, on_hand, reserved, low_stock_threshold FROM inventory.stock WHERE sku = :sku")
                .param("sku", sku).query(Inventory::row).optional();
    }

    /** The latest ledger lines of a SKU, newest first. */
    @Transactional(readOnly = true)
    public List<Movement> movements(String sku, int limit) {
        return movements(sku, 0, limit).items();
    }

    /** A page of the ledger of a SKU, newest first. */
    @Transactional(readOnly = true)
    public Page<Movement> movements(String sku, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM inventory.movement WHERE sku = :sku")
                .param("sku", sku).query(Long.class).single();
        List<Movement> lines = jdbc.sql("""
                        SELECT sku, delta, on_hand, reason, reference, note, at, location, location_on_hand
                        FROM inventory.movement
                        WHERE sku = :sku ORDER BY at DESC, id DESC LIMIT :size OFFSET :offset
                        """)
                .param("sku", sku).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> new Movement(row.getString("sku"), row.getInt("delta"), row.getInt("on_hand"),
                        row.getString("reason"), row.getString("reference"), row.getString("note"),
                        row.getTimestamp("at").toInstant(), row.getString("location"),
                        row.getObject("location_on_hand", Integer.class)))
                .list();
        return new Page<>(lines, page, size, total);
    }

    /** Every location, in their order (the default one first unless placed otherwise). */
    @Transactional(readOnly = true)
    public List<Location> locations() {
        // A transaction that may write reads them as they are: it may be opening one.
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return loadLocations();
        }
        return keptLocations.get(Boolean.TRUE, this::loadLocations);
    }

    private List<Location> loadLocations() {
        return jdbc.sql("""
                        SELECT code, name, kind, store_id, sellable_online, position, is_default
                        FROM inventory.location ORDER BY position, code
                        """)
                .query((row, n) -> new Location(row.getString("code"), row.getString("name"),
                        LocationKind.valueOf(row.getString("kind")), row.getString("store_id"),
                        row.getBoolean("sellable_online"), row.getInt("position"), row.getBoolean("is_default")))
                .list();
    }

    /** The location {@code code}, if there is one. */
    public java.util.Optional<Location> location(String code) {
        return locations().stream().filter(location -> location.code().equals(code)).findFirst();
    }

    /** Where counts and adjustments that name no location go, and returned items. */
    public Location defaultLocation() {
        return locations().stream().filter(Location::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default stock location"));
    }

    /**
     * Opens a location, with no stock yet.
     *
     * @throws InvalidField on the field that is missing, malformed or already used; nothing is written then
     */
    @Transactional
    public Location createLocation(NewLocation location) {
        String code = location.code() == null ? "" : location.code().strip();
        if (!code.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new InvalidField("code", "1 to 32 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        String name = location.name() == null ? "" : location.name().strip();
        if (name.isEmpty() || name.length() > MAX_LOCATION_NAME) {
            throw new InvalidField("name", "required, at most " + MAX_LOCATION_NAME + " characters");
        }
        if (location.kind() == null) {
            throw new InvalidField("kind", "one of WAREHOUSE, STORE");
        }
        String storeId = location.storeId() == null || location.storeId().isBlank() ? null : location.storeId().strip();
        if (storeId != null && location.kind() != LocationKind.STORE) {
            throw new InvalidField("storeId", "only a store's location is linked to a click-and-collect store");
        }
        if (storeId != null && !storeId.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidField("storeId", "not a store id");
        }
        if (location.position() != null && (location.position() < 0 || location.position() > 10_000)) {
            throw new InvalidField("position", "between 0 and 10000");
        }
        // One at a time, so that two openings with the same code or store cannot both pass the checks.
        jdbc.sql("LOCK TABLE inventory.location IN SHARE ROW EXCLUSIVE MODE").update();
        List<Location> existing = locations();
        if (existing.stream().anyMatch(other -> other.code().equals(code))) {
            throw new InvalidField("code", "already used by another location");
        }
        if (storeId != null && existing.stream().anyMatch(other -> storeId.equals(other.storeId()))) {
            throw new InvalidField("storeId", "this store already has a location");
        }
        keptLocations.changed();
        int position = location.position() != null ? location.position()
                : existing.stream().mapToInt(Location::position).max().orElse(0) + 1;
        jdbc.sql("""
                        INSERT INTO inventory.location (code, name, kind, store_id, sellable_online, position, created_at)
                        VALUES (:code, :name, :kind, :storeId, :online, :position, :now)
                        """)
                .param("code", code).param("name", name).param("kind", location.kind().name()).param("storeId", storeId)
                .param("online", location.sellableOnline()).param("position", position).param("now", now()).update();
        audit.record("stock.location.create", "location", code, name + " (" + location.kind() + (storeId == null ? "" : ", store " + storeId)
                + (location.sellableOnline() ? ", sold online" : "") + ")");
        return new Location(code, name, location.kind(), storeId, location.sellableOnline(), position, false);
    }

    /**
     * Sets what the location {@code location} has after a count, with a note for the ledger (may be
     * null). What can be sold online follows when the location sells online; it cannot go below what
     * is already reserved.
     *
     * @throws InvalidField          on {@code onHand} when it is negative, on {@code location} when there is
     *                               no such location
     * @throws IllegalStateException when what can be sold online would be less than what is reserved
     */
    @Transactional
    public StockLevel setOnHandAt(String sku, String location, int onHand, String note) {
        return setOnHandAt(sku, location, onHand, note, Integer.MAX_VALUE);
    }

    /**
     * {@link #setOnHandAt(String, String, int, String)} for a SKU that may have at most
     * {@code atMostEverywhere} units across all locations (1 for a unique second-hand item), checked
     * under the SKU's lock, so two counts at the same time cannot both pass.
     */
    @Transactional
    public StockLevel setOnHandAt(String sku, String location, int onHand, String note, int atMostEverywhere) {
        requireSku(sku);
        Location at = location(location, "location");
        if (onHand < 0) {
            throw new InvalidField("onHand", "cannot be negative");
        }
        String written = blankToNull(note);
        jdbc.sql("""
                INSERT INTO inventory.stock (sku, on_hand, updated_at) VALUES (:sku, 0, :now) ON CONFLICT (sku) DO NOTHING
                """).param("sku", sku).param("now", now()).update();
        StockRow before = lockedRow(sku);
        int level = lockLevels(sku, List.of(at.code())).get(at.code());
        int delta = onHand - level;
        requireAtMost(sku, delta, atMostEverywhere, "onHand");
        if (at.sellableOnline() && before.onHand() + delta < before.reserved()) {
            throw new IllegalStateException(before.reserved() + " of '" + sku
                    + "' are reserved for orders: on hand cannot be less");
        }
        StockLevel after = apply(before, List.of(new Step(at, level, delta)), "COUNT", null, written);
        audit.record("stock.count", "sku", sku, "at " + at.code() + ": " + level + " → " + onHand + (written == null ? "" : " (" + written + ")"));
        return after;
    }

    /**
     * Adds or removes units at a location (a delivery from a supplier, breakage, a found item), with
     * the reason written in the ledger.
     *
     * @throws InvalidField          on {@code delta} when it is zero or would remove more than the location
     *                               has, on {@code reason} when there is none, on {@code location} when there is
     *                               no such location; nothing is changed then
     * @throws IllegalStateException when it would remove units reserved for orders
     */
    @Transactional
    public StockLevel adjustAt(String sku, String location, int delta, String reason) {
        return adjustAt(sku, location, delta, reason, Integer.MAX_VALUE);
    }

    /**
     * {@link #adjustAt(String, String, int, String)} for a SKU that may have at most
     * {@code atMostEverywhere} units across all locations, checked under the SKU's lock.
     */
    @Transactional
    public StockLevel adjustAt(String sku, String location, int delta, String reason, int atMostEverywhere) {
        requireSku(sku);
        Location at = location(location, "location");
        if (delta == 0) {
            throw new InvalidField("delta", "must not be zero");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidField("reason", "is required: it is written in the stock ledger");
        }
        if (reason.strip().length() > MAX_NOTE) {
            throw new InvalidField("reason", "at most " + MAX_NOTE + " characters");
        }
        StockRow before = lockedRowIfAny(sku)
                .orElseThrow(() -> new IllegalArgumentException("sku: no stock is kept for '" + sku + "'"));
        int level = lockLevels(sku, List.of(at.code())).get(at.code());
        if (level + delta < 0) {
            throw new InvalidField("delta", "only " + level + " of '" + sku + "' are on hand at " + at.name());
        }
        requireAtMost(sku, delta, atMostEverywhere, "delta");
        if (at.sellableOnline() && before.available() + delta < 0) {
            throw new IllegalStateException(before.reserved() + " of '" + sku + "' are reserved for orders: only "
                    + Math.max(before.available(), 0) + " can be removed");
        }
        StockLevel after = apply(before, List.of(new Step(at, level, delta)), "ADJUSTMENT", null, reason.strip());
        audit.record("stock.adjust", "sku", sku, "at " + at.code() + ": " + (delta > 0 ? "+" : "") + delta + " (" + reason.strip() + ")");
        return after;
    }

    /**
     * Moves units from one location to another, both ledger lines or neither. Between two online
     * locations, what can be sold online does not change; out of the online ones, no more can leave
     * than is available.
     *
     * @throws InvalidField          on {@code from} or {@code to} (unknown, or the same), on {@code quantity}
     *                               (not positive, or more than {@code from} has), on {@code note} (too long)
     * @throws IllegalStateException when it would take units reserved for orders out of the online stock
     */
    @Transactional
    public Transfer transfer(String sku, String from, String to, int quantity, String note) {
        requireSku(sku);
        Location source = location(from, "from");
        Location target = location(to, "to");
        if (source.code().equals(target.code())) {
            throw new InvalidField("to", "must differ from the location the units leave");
        }
        if (quantity <= 0) {
            throw new InvalidField("quantity", "must be positive");
        }
        if (note != null && note.strip().length() > MAX_NOTE) {
            throw new InvalidField("note", "at most " + MAX_NOTE + " characters");
        }
        String written = blankToNull(note);
        StockRow before = lockedRowIfAny(sku)
                .orElseThrow(() -> new IllegalArgumentException("sku: no stock is kept for '" + sku + "'"));
        Map<String, Integer> levels = lockLevels(sku, List.of(source.code(), target.code()));
        int there = levels.get(source.code());
        if (there < quantity) {
            throw new InvalidField("quantity", "only " + there + " of '" + sku + "' are on hand at " + source.name());
        }
        int online = (target.sellableOnline() ? quantity : 0) - (source.sellableOnline() ? quantity : 0);
        if (before.available() + online < 0) {
            throw new IllegalStateException(before.reserved() + " of '" + sku + "' are reserved for orders: only "
                    + Math.max(before.available(), 0) + " can leave the online stock");
        }
        String reference = "TR-" + jdbc.sql("SELECT nextval('inventory.transfer_number')").query(Long.class).single();
        StockLevel after = apply(before, List.of(new Step(source, there, -quantity),
                new Step(target, levels.get(target.code()), quantity)), "TRANSFER", reference, written);
        audit.record("stock.transfer", "sku", sku, quantity + " from " + source.code() + " to " + target.code() + " (" + reference
                + (written == null ? "" : ", " + written) + ")");
        return new Transfer(reference, sku, source.code(), target.code(), quantity, after);
    }

    /** A SKU's stock at every location; empty when no stock was ever counted for it. */
    @Transactional(readOnly = true)
    public java.util.Optional<StockByLocation> byLocation(String sku) {
        return java.util.Optional.ofNullable(byLocation(List.of(sku)).get(sku));
    }

    /** Refuses a change that would take the units of a SKU, whose row the caller has locked, past {@code atMost}. */
    private void requireAtMost(String sku, int delta, int atMost, String field) {
        if (delta > 0 && atMost != Integer.MAX_VALUE
                && byLocation(sku).map(StockByLocation::everywhere).orElse(0) + delta > atMost) {
            throw new TooManyUnits(field, sku, atMost);
        }
    }

    /** The stock of each SKU asked for at every location; SKUs never counted are left out. */
    @Transactional(readOnly = true)
    public Map<String, StockByLocation> byLocation(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        String[] wanted = skus.stream().distinct().toArray(String[]::new);
        Map<String, Map<String, Integer>> stored = new TreeMap<>();
        Map<String, Integer> sold = new TreeMap<>();
        // The levels at each location, and the units sold online not yet taken from one, in one statement.
        jdbc.sql("""
                        SELECT s.sku, l.location, l.on_hand,
                               (SELECT -sum(m.delta) FROM inventory.movement m WHERE m.location IS NULL AND m.sku = s.sku) AS sold
                        FROM inventory.stock s
                        LEFT JOIN inventory.stock_at_location l ON l.sku = s.sku
                        WHERE s.sku = ANY(CAST(:skus AS TEXT[]))
                        """)
                .param("skus", wanted)
                .query((row, n) -> {
                    Map<String, Integer> levels = stored.computeIfAbsent(row.getString("sku"), sku -> new TreeMap<>());
                    if (row.getString("location") != null) {
                        levels.put(row.getString("location"), row.getInt("on_hand"));
                    }
                    if (row.getObject("sold") != null) {
                        sold.put(row.getString("sku"), row.getInt("sold"));
                    }
                    return null;
                }).list();
        List<Location> locations = locations();
        Map<String, StockByLocation> found = new java.util.LinkedHashMap<>();
        stored.forEach((sku, levels) -> {
            int awaiting = sold.getOrDefault(sku, 0);
            // As the allocation will: the sales come off the online locations in their order.
            int toTake = awaiting;
            List<LocationLevel> shown = new java.util.ArrayList<>();
            for (Location location : locations) {
                int level = levels.getOrDefault(location.code(), 0);
                if (location.sellableOnline() && toTake > 0) {
                    int taken = Math.min(toTake, level);
                    level -= taken;
                    toTake -= taken;
                }
                shown.add(new LocationLevel(location, level));
            }
            found.put(sku, new StockByLocation(sku, List.copyOf(shown), awaiting));
        });
        return found;
    }

    /**
     * What the shelves of each click-and-collect store hold of each SKU asked for, by store id: what a
     * shopper could collect at once. Stores without a location, and SKUs a store has none of, are
     * left out.
     */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Integer>> inStores(Collection<String> skus) {
        if (locations().stream().noneMatch(location -> location.storeId() != null)) {
            return Map.of();
        }
        Map<String, Map<String, Integer>> stores = new java.util.LinkedHashMap<>();
        byLocation(skus).values().forEach(stock -> stock.levels().stream()
                .filter(level -> level.location().storeId() != null && level.onHand() > 0)
                .forEach(level -> stores.computeIfAbsent(level.location().storeId(), id -> new TreeMap<>())
                        .put(stock.sku(), level.onHand())));
        return stores;
    }

    /**
     * Takes the units sold online from the locations they leave (the online locations, in their
     * order), for up to {@code limit} SKUs, each in a transaction of its own; returns how many SKUs
     * had sales to take. Runs shortly after sales, outside their transaction, which stays as short.
     */
    public int allocateSales(int limit) {
        List<String> skus = jdbc.sql("SELECT DISTINCT sku FROM inventory.movement WHERE location IS NULL ORDER BY sku LIMIT :limit")
                .param("limit", limit).query(String.class).list();
        int done = 0;
        for (String sku : skus) {
            try {
                transaction.executeWithoutResult(status -> lockLevels(sku, List.of()));
                done++;
            } catch (IllegalStateException e) {
                log.error("Sales of {} could not be taken from a location: {}", sku, e.getMessage());
            }
        }
        return done;
    }

    private Map<String, Integer> settle(String reference, String status) {
        return jdbc.sql("""
                        UPDATE inventory.reservation SET status = :status, settled_at = :now
                        WHERE reference = :reference AND status = 'HELD'
                        RETURNING sku, quantity
                        """)
                .param("status", status).param("now", now()).param("reference", reference)
                .query((row, n) -> Map.entry(row.getString("sku"), row.getInt("quantity")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** A change of one location's level: what it had (locked) and by how much it changes. */
    private record Step(Location location, int before, int delta) {
    }

    /**
     * Changes the levels of the steps' locations, in order, writes a ledger line for each, then what
     * can be sold online (once, by the sum of the online steps) and tells when the SKU runs low. The
     * caller holds the stock row and the levels and has checked that nothing goes below zero.
     */
    private StockLevel apply(StockRow before, List<Step> steps, String reason, String reference, String note) {
        Timestamp now = now();
        int onHand = before.onHand();
        for (Step step : steps) {
            int level = step.before() + step.delta();
            jdbc.sql("UPDATE inventory.stock_at_location SET on_hand = :level, updated_at = :now WHERE sku = :sku AND location = :location")
                    .param("level", level).param("now", now).param("sku", before.sku())
                    .param("location", step.location().code()).update();
            if (step.location().sellableOnline()) {
                onHand += step.delta();
            }
            if (step.delta() != 0) {
                jdbc.sql("""
                        INSERT INTO inventory.movement (sku, delta, on_hand, reason, reference, note, at, location, location_on_hand)
                        VALUES (:sku, :delta, :onHand, :reason, :reference, :note, :now, :location, :level)
                        """)
                        .param("sku", before.sku()).param("delta", step.delta()).param("onHand", onHand)
                        .param("reason", reason).param("reference", reference).param("note", note).param("now", now)
                        .param("location", step.location().code()).param("level", level).update();
            }
        }
        jdbc.sql("UPDATE inventory.stock SET on_hand = :onHand, updated_at = :now WHERE sku = :sku")
                .param("onHand", onHand).param("now", now).param("sku", before.sku()).update();
        StockRow after = new StockRow(before.sku(), onHand, before.reserved(), before.lowStockThreshold());
        if (onHand > before.onHand()) {
            soldOut.restocked(before.sku());
        }
        if (after.low() && !before.low()) {
            events.publishEvent(new LowStock(after.sku(), after.available(), after.lowStockThreshold(), now.toInstant()));
        }
        return new StockLevel(after.sku(), after.onHand(), after.reserved());
    }

    /**
     * Locks every level of {@code sku} (after creating a zero one for each of {@code ensure} that has
     * none), in location order, and takes the units sold online meanwhile from the online locations.
     * Locks are always taken stock row first, then levels in this order, so two changes never deadlock.
     *
     * @return each location's level, after those sales
     */
    private Map<String, Integer> lockLevels(String sku, Collection<String> ensure) {
        if (!ensure.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO inventory.stock_at_location (sku, location, on_hand, updated_at)
                    SELECT :sku, code, 0, :now FROM unnest(CAST(:codes AS TEXT[])) AS code
                    ON CONFLICT (sku, location) DO NOTHING
                    """)
                    .param("sku", sku).param("now", now()).param("codes", ensure.toArray(String[]::new)).update();
        }
        Map<String, Integer> levels = new TreeMap<>();
        jdbc.sql("SELECT location, on_hand FROM inventory.stock_at_location WHERE sku = :sku ORDER BY location FOR UPDATE")
                .param("sku", sku)
                .query((row, n) -> levels.put(row.getString("location"), row.getInt("on_hand"))).list();
        allocate(sku, levels);
        return levels;
    }

    /**
     * Takes the units of each sale not yet taken from a location from the online locations, in their
     * order (a sale may be split over several), and writes where on its ledger line. The caller holds
     * the levels.
     */
    private void allocate(String sku, Map<String, Integer> levels) {
        record Sale(long id, int quantity, int onHand, String reference, Timestamp at) {
        }
        List<Sale> sales = jdbc.sql("""
                        SELECT id, delta, on_hand, reference, at FROM inventory.movement
                        WHERE sku = :sku AND location IS NULL ORDER BY id FOR UPDATE
                        """)
                .param("sku", sku)
                .query((row, n) -> new Sale(row.getLong("id"), -row.getInt("delta"), row.getInt("on_hand"),
                        row.getString("reference"), row.getTimestamp("at")))
                .list();
        if (sales.isEmpty()) {
            return;
        }
        List<Location> online = locations().stream().filter(Location::sellableOnline).toList();
        Timestamp now = now();
        for (Sale sale : sales) {
            int remaining = sale.quantity();
            boolean first = true;
            for (Location location : online) {
                int level = levels.getOrDefault(location.code(), 0);
                int taken = Math.min(remaining, level);
                if (taken == 0) {
                    continue;
                }
                levels.put(location.code(), level - taken);
                jdbc.sql("UPDATE inventory.stock_at_location SET on_hand = :level, updated_at = :now WHERE sku = :sku AND location = :location")
                        .param("level", level - taken).param("now", now).param("sku", sku).param("location", location.code())
                        .update();
                if (first) {
                    jdbc.sql("UPDATE inventory.movement SET delta = :delta, location = :location, location_on_hand = :level WHERE id = :id")
                            .param("delta", -taken).param("location", location.code()).param("level", level - taken)
                            .param("id", sale.id()).update();
                    first = false;
                } else {
                    jdbc.sql("""
                            INSERT INTO inventory.movement (sku, delta, on_hand, reason, reference, at, location, location_on_hand)
                            VALUES (:sku, :delta, :onHand, 'SOLD', :reference, :at, :location, :level)
                            """)
                            .param("sku", sku).param("delta", -taken).param("onHand", sale.onHand())
                            .param("reference", sale.reference()).param("at", sale.at()).param("location", location.code())
                            .param("level", level - taken).update();
                }
                remaining -= taken;
                if (remaining == 0) {
                    break;
                }
            }
            if (remaining > 0) {
                throw new IllegalStateException("the online locations lack " + remaining + " of '" + sku
                        + "' sold under " + sale.reference());
            }
        }
    }

    private Location location(String code, String field) {
        if (code == null || code.isBlank()) {
            throw new InvalidField(field, "required");
        }
        return location(code.strip()).orElseThrow(() -> new InvalidField(field, "no location has the code '" + code.strip() + "'"));
    }

    private StockRow lockedRow(String sku) {
        return lockedRowIfAny(sku).orElseThrow();
    }

    /**
     * The SKU's row, locked until the transaction ends, once the units sold but not yet folded (see
     * {@link #consume}) have left it: every change of on-hand starts from the true figures.
     */
    private java.util.Optional<StockRow> lockedRowIfAny(String sku) {
        foldSold(sku);
        return jdbc.sql("SELECT sku, on_hand, reserved, low_stock_threshold FROM inventory.stock WHERE sku = :sku FOR UPDATE")
                .param("sku", sku).query(Inventory::row).optional();
    }

    private static StockRow row(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new StockRow(row.getString("sku"), row.getInt("on_hand"), row.getInt("reserved"), row.getInt("low_stock_threshold"));
    }

    private static String blankToNull(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.strip().length() > MAX_NOTE) {
            throw new InvalidField("reason", "at most " + MAX_NOTE + " characters");
        }
        return note.strip();
    }

    private static void requireSku(String sku) {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku: required");
        }
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }
}
