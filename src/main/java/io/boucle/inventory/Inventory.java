package io.boucle.inventory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stock levels per SKU. Reservations for orders come with checkout. */
@Service
public class Inventory {

    private final JdbcClient jdbc;
    private final Clock clock;

    Inventory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sets what is on hand after a count; it cannot go below what is already reserved. */
    @Transactional
    public StockLevel setOnHand(String sku, int onHand) {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku: required");
        }
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand: cannot be negative");
        }
        int reserved = jdbc.sql("SELECT reserved FROM inventory.stock WHERE sku = :sku FOR UPDATE")
                .param("sku", sku).query(Integer.class).optional().orElse(0);
        if (onHand < reserved) {
            throw new IllegalStateException(reserved + " of '" + sku + "' are reserved for orders: on hand cannot be less");
        }
        jdbc.sql("""
                INSERT INTO inventory.stock (sku, on_hand, updated_at) VALUES (:sku, :onHand, :now)
                ON CONFLICT (sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = EXCLUDED.updated_at
                """)
                .param("sku", sku).param("onHand", onHand).param("now", Timestamp.from(Instant.now(clock)))
                .update();
        return new StockLevel(sku, onHand, reserved);
    }

    /** The stock of each SKU asked for; an SKU never counted has none. */
    @Transactional(readOnly = true)
    public Map<String, StockLevel> levels(Collection<String> skus) {
        Map<String, StockLevel> found = skus.isEmpty() ? Map.of() : jdbc.sql(
                        "SELECT sku, on_hand, reserved FROM inventory.stock WHERE sku IN (:skus)")
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
}
