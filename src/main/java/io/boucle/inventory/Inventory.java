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

import io.boucle.shared.InvalidField;
import io.boucle.shared.Page;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stock per SKU: what is on hand, what is held for unpaid orders, and the ledger of every change.
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SoldOutMemory soldOut;
    private final TransactionTemplate folding;

    Inventory(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            @Value("${boucle.inventory.sold-out-memory:PT1S}") Duration soldOutMemory) {
        this.jdbc = jdbc;
        this.folding = new TransactionTemplate(transactions);
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
        requireSku(sku);
        if (onHand < 0) {
            throw new InvalidField("onHand", "cannot be negative");
        }
        jdbc.sql("""
                INSERT INTO inventory.stock (sku, on_hand, updated_at) VALUES (:sku, 0, :now) ON CONFLICT (sku) DO NOTHING
                """).param("sku", sku).param("now", now()).update();
        // A count replaces on-hand: units sold but not yet folded must leave it first.
        foldSold(sku);
        StockRow before = lockedRow(sku);
        if (onHand < before.reserved()) {
            throw new IllegalStateException(before.reserved() + " of '" + sku
                    + "' are reserved for orders: on hand cannot be less");
        }
        return change(before, onHand - before.onHand(), "COUNT", null, blankToNull(note));
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
        requireSku(sku);
        if (delta == 0) {
            throw new InvalidField("delta", "must not be zero");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidField("reason", "is required: it is written in the stock ledger");
        }
        if (reason.strip().length() > MAX_NOTE) {
            throw new InvalidField("reason", "at most " + MAX_NOTE + " characters");
        }
        StockRow before = jdbc.sql("SELECT sku, on_hand, reserved, low_stock_threshold FROM inventory.stock WHERE sku = :sku FOR UPDATE")
                .param("sku", sku).query(Inventory::row).optional()
                .orElseThrow(() -> new IllegalArgumentException("sku: no stock is kept for '" + sku + "'"));
        if (before.onHand() + delta < 0) {
            throw new InvalidField("delta", "only " + before.onHand() + " of '" + sku + "' are on hand");
        }
        if (before.available() + delta < 0) {
            throw new IllegalStateException(before.reserved() + " of '" + sku + "' are reserved for orders: only "
                    + Math.max(before.available(), 0) + " can be removed");
        }
        return change(before, delta, "ADJUSTMENT", null, reason.strip());
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
        StockRow before = jdbc.sql("SELECT sku, on_hand, reserved, low_stock_threshold FROM inventory.stock WHERE sku = :sku FOR UPDATE")
                .param("sku", sku).query(Inventory::row).optional()
                .orElseThrow(() -> new IllegalArgumentException("sku: no stock is kept for '" + sku + "'"));
        jdbc.sql("UPDATE inventory.stock SET low_stock_threshold = :threshold, updated_at = :now WHERE sku = :sku")
                .param("threshold", threshold).param("now", now()).param("sku", sku).update();
        StockRow after = new StockRow(sku, before.onHand(), before.reserved(), threshold);
        if (after.low() && !before.low()) {
            events.publishEvent(new LowStock(sku, after.available(), threshold, Instant.now(clock)));
        }
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
        skus.forEach(sku -> folding.executeWithoutResult(status -> foldSold(sku)));
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
        return change(lockedRow(sku), quantity, "RETURNED", reference, null);
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
                        SELECT sku, delta, on_hand, reason, reference, note, at FROM inventory.movement
                        WHERE sku = :sku ORDER BY at DESC, id DESC LIMIT :size OFFSET :offset
                        """)
                .param("sku", sku).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> new Movement(row.getString("sku"), row.getInt("delta"), row.getInt("on_hand"),
                        row.getString("reason"), row.getString("reference"), row.getString("note"),
                        row.getTimestamp("at").toInstant()))
                .list();
        return new Page<>(lines, page, size, total);
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

    /** Changes what is on hand by {@code delta}, writes the ledger and tells when the SKU runs low. */
    private StockLevel change(StockRow before, int delta, String reason, String reference, String note) {
        int onHand = before.onHand() + delta;
        jdbc.sql("UPDATE inventory.stock SET on_hand = :onHand, updated_at = :now WHERE sku = :sku")
                .param("onHand", onHand).param("now", now()).param("sku", before.sku()).update();
        if (delta != 0) {
            jdbc.sql("""
                    INSERT INTO inventory.movement (sku, delta, on_hand, reason, reference, note, at)
                    VALUES (:sku, :delta, :onHand, :reason, :reference, :note, :now)
                    """)
                    .param("sku", before.sku()).param("delta", delta).param("onHand", onHand).param("reason", reason)
                    .param("reference", reference).param("note", note).param("now", now()).update();
        }
        StockRow after = new StockRow(before.sku(), onHand, before.reserved(), before.lowStockThreshold());
        if (delta > 0) {
            soldOut.restocked(before.sku());
        }
        if (after.low() && !before.low()) {
            events.publishEvent(new LowStock(after.sku(), after.available(), after.lowStockThreshold(), Instant.now(clock)));
        }
        return new StockLevel(after.sku(), after.onHand(), after.reserved());
    }

    private StockRow lockedRow(String sku) {
        return jdbc.sql("SELECT sku, on_hand, reserved, low_stock_threshold FROM inventory.stock WHERE sku = :sku FOR UPDATE")
                .param("sku", sku).query(Inventory::row).single();
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
