package io.boucle.fulfilment;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The delivery methods, their price grids and the stores, kept in memory: every cart change and
 * every checkout quotes delivery, and these rows change a few times a year. A save on this node
 * forgets what was kept once its transaction ends; other nodes read again within the TTL.
 */
@Component
class DeliveryMethodStore {

    /** What was read, in which generation: a snapshot of an older generation is never used. */
    private record Snapshot(List<DeliveryMethod> methods, List<PickupPoint> stores, long loadedAt, long generation) {
    }

    private final JdbcClient jdbc;
    private final long ttlNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    DeliveryMethodStore(JdbcClient jdbc, FulfilmentProperties properties) {
        this.jdbc = jdbc;
        this.ttlNanos = properties.methodsCacheTtl().toNanos();
    }

    /** Every method, active or not, in the merchant's order. */
    List<DeliveryMethod> methods() {
        return current().methods();
    }

    /** The active stores, in the merchant's order. */
    List<PickupPoint> stores() {
        return current().stores();
    }

    /** A method as the database has it now, locked until the transaction ends. */
    Optional<DeliveryMethod> lockForUpdate(String code) {
        Optional<DeliveryMethod> method = jdbc.sql("SELECT * FROM fulfilment.delivery_method WHERE code = :code FOR UPDATE")
                .param("code", code).query((row, n) -> method(row, List.of())).optional();
        return method.map(found -> withBands(found, bands().getOrDefault(code, List.of())));
    }

    void save(String code, DeliveryMethodSettings settings, Currency currency, Instant at) {
        jdbc.sql("""
                UPDATE fulfilment.delivery_method SET label_fr = :labelFr, label_en = :labelEn, active = :active,
                    carrier = :carrier, countries = :countries, free_above = :freeAbove, cut_off = :cutOff,
                    preparation_days = :preparationDays, transit_days_min = :transitDaysMin,
                    transit_days_max = :transitDaysMax, saturday_delivery = :saturday, updated_at = :at
                WHERE code = :code
                """)
                .param("code", code)
                .param("labelFr", settings.label().fr().strip())
                .param("labelEn", settings.label().en().strip())
                .param("active", settings.active())
                .param("carrier", settings.carrier().strip())
                .param("countries", settings.countries().stream().map(CountryCode::value).toArray(String[]::new))
                .param("freeAbove", settings.freeAbove().map(Money::amount).orElse(null))
                .param("cutOff", java.sql.Time.valueOf(settings.cutOff()))
                .param("preparationDays", settings.preparationDays())
                .param("transitDaysMin", settings.transitDaysMin())
                .param("transitDaysMax", settings.transitDaysMax())
                .param("saturday", settings.saturdayDelivery())
                .param("at", Timestamp.from(at))
                .update();
        jdbc.sql("DELETE FROM fulfilment.delivery_price_band WHERE method_code = :code").param("code", code).update();
        int position = 0;
        for (PriceBand band : settings.priceBands()) {
            jdbc.sql("""
                    INSERT INTO fulfilment.delivery_price_band (method_code, position, country, max_weight_grams,
                                                                min_goods_total, price)
                    VALUES (:code, :position, :country, :maxWeight, :minGoods, :price)
                    """)
                    .param("code", code)
                    .param("position", ++position)
                    .param("country", band.country() == null ? null : band.country().value())
                    .param("maxWeight", band.maxWeightGrams())
                    .param("minGoods", band.minGoodsTotal().amount())
                    .param("price", band.price().amount())
                    .update();
        }
        changed();
    }

    /** Forgets what was kept once the current transaction ends (commit or rollback), or now outside of one. */
    void changed() {
        generation.incrementAndGet();
        snapshot = null;
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(this)) {
            // Marks the transaction as a writer of these rows: what it reads is not for others.
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(DeliveryMethodStore.this);
                    generation.incrementAndGet();
                    snapshot = null;
                }
            });
        }
    }

    private Snapshot current() {
        Snapshot kept = snapshot;
        if (kept != null && kept.generation() == generation.get() && System.nanoTime() - kept.loadedAt() < ttlNanos) {
            return kept;
        }
        long startedIn = generation.get();
        long loadedAt = System.nanoTime();
        Map<String, List<PriceBand>> bands = bands();
        List<DeliveryMethod> methods = jdbc.sql("SELECT * FROM fulfilment.delivery_method ORDER BY position, code")
                .query((row, n) -> method(row, List.of())).list().stream()
                .map(method -> withBands(method, bands.getOrDefault(method.code(), List.of())))
                .toList();
        List<PickupPoint> stores = jdbc.sql("""
                SELECT id, name, line1, postal_code, city, country, opening_hours FROM fulfilment.store
                WHERE active ORDER BY position, id
                """).query((row, n) -> new PickupPoint(row.getString("id"), row.getString("name"), row.getString("line1"),
                row.getString("postal_code"), row.getString("city"), CountryCode.of(row.getString("country")),
                row.getString("opening_hours"))).list();
        Snapshot loaded = new Snapshot(methods, stores, loadedAt, startedIn);
        // A read that began before a save commits must not keep the old rows for the next TTL, and
        // a transaction that saved some sees rows others must not see before it commits.
        if (ttlNanos > 0 && generation.get() == startedIn && !TransactionSynchronizationManager.hasResource(this)) {
            snapshot = loaded;
        }
        return loaded;
    }

    private Map<String, List<PriceBand>> bands() {
        Map<String, List<PriceBand>> bands = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT b.method_code, b.country, b.max_weight_grams, b.min_goods_total, b.price, m.currency
                FROM fulfilment.delivery_price_band b JOIN fulfilment.delivery_method m ON m.code = b.method_code
                ORDER BY b.method_code, b.position
                """).query((ResultSet row) -> {
            Currency currency = Currency.getInstance(row.getString("currency").strip());
            String country = row.getString("country");
            bands.computeIfAbsent(row.getString("method_code"), code -> new ArrayList<>()).add(new PriceBand(
                    country == null ? null : CountryCode.of(country), row.getInt("max_weight_grams"),
                    Money.of(row.getBigDecimal("min_goods_total"), currency), Money.of(row.getBigDecimal("price"), currency)));
        });
        return bands;
    }

    private static DeliveryMethod withBands(DeliveryMethod method, List<PriceBand> bands) {
        return new DeliveryMethod(method.code(), method.kind(), method.label(), method.active(), method.carrier(),
                method.countries(), method.currency(), bands, method.freeAbove(), method.cutOff(),
                method.preparationDays(), method.transitDaysMin(), method.transitDaysMax(), method.saturdayDelivery(),
                method.pickupPointRequired());
    }

    private static DeliveryMethod method(ResultSet row, List<PriceBand> bands) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency").strip());
        BigDecimal freeAbove = row.getBigDecimal("free_above");
        Array countries = row.getArray("countries");
        List<CountryCode> served = Arrays.stream((String[]) countries.getArray()).map(CountryCode::of).toList();
        return new DeliveryMethod(row.getString("code"), DeliveryKind.valueOf(row.getString("kind")),
                LocalizedText.of(row.getString("label_fr"), row.getString("label_en")), row.getBoolean("active"),
                row.getString("carrier"), served, currency, bands,
                Optional.ofNullable(freeAbove).map(amount -> Money.of(amount, currency)),
                row.getObject("cut_off", LocalTime.class), row.getInt("preparation_days"),
                row.getInt("transit_days_min"), row.getInt("transit_days_max"), row.getBoolean("saturday_delivery"),
                row.getBoolean("pickup_point_required"));
    }
}
