package io.boucle.pricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The promotions' tables: promotions and tiers, uses per customer, redemptions per order. */
@Repository
class PromotionStore {

    private final JdbcClient jdbc;

    PromotionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The uses of each promotion: counted on its row when it has a usage limit, else from its redemptions
     * (see {@link #takeUse}); pricing needs only the former.
     */
    private static final String USES = """
            CASE WHEN p.usage_limit IS NULL
                THEN (SELECT count(*) FROM pricing.redemption r WHERE r.promotion_id = p.id AND r.released_at IS NULL)
                ELSE p.uses END AS current_uses""";
    private static final String LIMITED_USES = "p.uses AS current_uses";

    /** Every promotion, the newest first; with the uses of the unlimited ones counted when asked (slower). */
    List<Promotion> all(boolean countUnlimitedUses) {
        Map<UUID, List<Promotion.Tier>> tiers = new HashMap<>();
        jdbc.sql("""
                SELECT t.promotion_id, t.threshold, t.discount, p.currency FROM pricing.promotion_tier t
                JOIN pricing.promotion p ON p.id = t.promotion_id ORDER BY t.promotion_id, t.position
                """)
                .query((row, n) -> {
                    Currency currency = Currency.getInstance(row.getString("currency"));
                    tiers.computeIfAbsent(row.getObject("promotion_id", UUID.class), id -> new ArrayList<>())
                            .add(new Promotion.Tier(Money.of(row.getBigDecimal("threshold"), currency),
                                    Money.of(row.getBigDecimal("discount"), currency)));
                    return null;
                })
                .list();
        return jdbc.sql("SELECT p.*, " + (countUnlimitedUses ? USES : LIMITED_USES)
                        + " FROM pricing.promotion p ORDER BY created_at DESC, id")
                .query((row, n) -> promotion(row, tiers.getOrDefault(row.getObject("id", UUID.class), List.of())))
                .list();
    }

    Optional<Promotion> find(UUID id) {
        List<Promotion.Tier> tiers = tiers(id);
        return jdbc.sql("SELECT p.*, " + USES + " FROM pricing.promotion p WHERE id = :id").param("id", id)
                .query((row, n) -> promotion(row, tiers)).optional();
    }

    private List<Promotion.Tier> tiers(UUID id) {
        return jdbc.sql("""
                SELECT t.threshold, t.discount, p.currency FROM pricing.promotion_tier t
                JOIN pricing.promotion p ON p.id = t.promotion_id WHERE t.promotion_id = :id ORDER BY t.position
                """)
                .param("id", id)
                .query((row, n) -> {
                    Currency currency = Currency.getInstance(row.getString("currency"));
                    return new Promotion.Tier(Money.of(row.getBigDecimal("threshold"), currency),
                            Money.of(row.getBigDecimal("discount"), currency));
                })
                .list();
    }

    /** @throws DuplicatePromotionCode when the code is taken */
    void insert(UUID id, PromotionDraft draft, Currency currency, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO pricing.promotion (id, code, label_fr, label_en, kind, percent, amount, currency, buy_quantity,
                        free_quantity, category_slug, skus, minimum_subtotal, valid_from, valid_until, usage_limit,
                        per_customer_limit, combinable, priority, active, uses, created_at, updated_at)
                    VALUES (:id, :code, :labelFr, :labelEn, :kind, :percent, :amount, :currency, :buy, :free, :category, :skus,
                        :minimum, :from, :until, :usageLimit, :perCustomerLimit, :combinable, :priority, TRUE, 0, :now, :now)
                    """)
                    .param("id", id).params(columns(draft, currency)).param("now", Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new DuplicatePromotionCode(draft.code());
        }
        insertTiers(id, draft);
    }

    /** @return false when there is no such promotion */
    boolean update(UUID id, PromotionDraft draft, Currency currency, Instant now) {
        int updated;
        try {
            updated = jdbc.sql("""
                    UPDATE pricing.promotion SET code = :code, label_fr = :labelFr, label_en = :labelEn, kind = :kind,
                        percent = :percent, amount = :amount, currency = :currency, buy_quantity = :buy, free_quantity = :free,
                        category_slug = :category, skus = :skus, minimum_subtotal = :minimum, valid_from = :from,
                        valid_until = :until, usage_limit = :usageLimit, per_customer_limit = :perCustomerLimit,
                        combinable = :combinable, priority = :priority, updated_at = :now, uses = (SELECT count(*) FROM pricing.redemption r WHERE r.promotion_id = :id AND r.released_at IS NULL)
                    WHERE id = :id
                    """)
                    .param("id", id).params(columns(draft, currency)).param("now", Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new DuplicatePromotionCode(draft.code());
        }
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM pricing.promotion_tier WHERE promotion_id = :id").param("id", id).update();
        insertTiers(id, draft);
        return true;
    }

    boolean deactivate(UUID id, Instant now) {
        return jdbc.sql("UPDATE pricing.promotion SET active = FALSE, updated_at = :now WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update() > 0;
    }

    private void insertTiers(UUID id, PromotionDraft draft) {
        int position = 0;
        for (Promotion.Tier tier : draft.tiers()) {
            jdbc.sql("""
                    INSERT INTO pricing.promotion_tier (promotion_id, position, threshold, discount)
                    VALUES (:id, :position, :threshold, :discount)
                    """)
                    .param("id", id).param("position", position++)
                    .param("threshold", tier.threshold().amount()).param("discount", tier.discount().amount())
                    .update();
        }
    }

    private static Map<String, Object> columns(PromotionDraft draft, Currency currency) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("code", draft.code());
        columns.put("labelFr", draft.label().fr());
        columns.put("labelEn", draft.label().en());
        columns.put("kind", draft.kind().name());
        columns.put("percent", draft.percent());
        columns.put("amount", draft.amount() == null ? null : draft.amount().amount());
        columns.put("currency", currency.getCurrencyCode());
        columns.put("buy", draft.buyQuantity());
        columns.put("free", draft.freeQuantity());
        columns.put("category", draft.categorySlug());
        columns.put("skus", draft.skus().toArray(String[]::new));
        columns.put("minimum", draft.minimumSubtotal() == null ? null : draft.minimumSubtotal().amount());
        columns.put("from", draft.validFrom() == null ? null : Timestamp.from(draft.validFrom()));
        columns.put("until", draft.validUntil() == null ? null : Timestamp.from(draft.validUntil()));
        columns.put("usageLimit", draft.usageLimit());
        columns.put("perCustomerLimit", draft.perCustomerLimit());
        columns.put("combinable", draft.combinable());
        columns.put("priority", draft.priority());
        return columns;
    }

    // Uses

    /** How often this customer used each promotion, by promotion id. */
    Map<String, Integer> usesBy(String email) {
        Map<String, Integer> uses = new HashMap<>();
        jdbc.sql("SELECT promotion_id, uses FROM pricing.customer_usage WHERE customer_email = :email AND uses > 0")
                .param("email", email)
                .query((row, n) -> uses.put(row.getString("promotion_id"), row.getInt("uses")))
                .list();
        return uses;
    }

    /** Records the use by an order; false when this order already holds it. */
    boolean recordRedemption(String orderReference, UUID promotionId, String email, Money amount, Instant at) {
        return jdbc.sql("""
                INSERT INTO pricing.redemption (order_reference, promotion_id, customer_email, amount, currency, redeemed_at)
                VALUES (:reference, :promotion, :email, :amount, :currency, :at)
                ON CONFLICT (order_reference, promotion_id) DO UPDATE
                    SET released_at = NULL, redeemed_at = EXCLUDED.redeemed_at, customer_email = EXCLUDED.customer_email,
                        amount = EXCLUDED.amount, currency = EXCLUDED.currency
                    WHERE redemption.released_at IS NOT NULL
                """)
                .param("reference", orderReference).param("promotion", promotionId).param("email", email)
                .param("amount", amount.amount()).param("currency", amount.currency().getCurrencyCode())
                .param("at", Timestamp.from(at))
                .update() > 0;
    }

    /**
     * Takes one use of the promotion if it is active, valid at {@code at} and under its total limit:
     * the conditional update waits for concurrent ones on the row and re-checks the limit after them.
     *
     * @return the promotion's per-customer limit (0 for none) and whether this use was its last, or empty
     *         when no use could be taken
     */
    record Use(int perCustomerLimit, boolean usedUp) {
    }

    Optional<Use> takeUse(UUID promotionId, Instant at) {
        // Only a promotion with a usage limit counts its uses on its row: that row is then locked until the
        // order commits, so orders carrying an unlimited promotion (free delivery over an amount, say) must
        // not queue on it. Their uses are counted from the redemptions when shown.
        return jdbc.sql("""
                WITH candidate AS (
                    SELECT id, usage_limit, coalesce(per_customer_limit, 0) AS per_customer_limit FROM pricing.promotion
                    WHERE id = :id AND active
                      AND (valid_from IS NULL OR valid_from <= :at) AND (valid_until IS NULL OR valid_until > :at)
                ), taken AS (
                    UPDATE pricing.promotion p SET uses = p.uses + 1 FROM candidate c
                    WHERE p.id = c.id AND c.usage_limit IS NOT NULL AND p.uses < p.usage_limit
                    RETURNING p.uses >= p.usage_limit AS used_up
                )
                SELECT c.per_customer_limit, coalesce((SELECT used_up FROM taken), FALSE) AS used_up
                FROM candidate c WHERE c.usage_limit IS NULL OR EXISTS (SELECT 1 FROM taken)
                """)
                .param("id", promotionId).param("at", Timestamp.from(at))
                .query((row, n) -> new Use(row.getInt("per_customer_limit"), row.getBoolean("used_up"))).optional();
    }

    /** Takes one use for this customer; false when the customer's limit ({@code limit} &gt; 0) is reached. */
    boolean takeCustomerUse(UUID promotionId, String email, int limit) {
        return jdbc.sql("""
                INSERT INTO pricing.customer_usage (promotion_id, customer_email, uses) VALUES (:id, :email, 1)
                ON CONFLICT (promotion_id, customer_email) DO UPDATE SET uses = customer_usage.uses + 1
                    WHERE :limit = 0 OR customer_usage.uses < :limit
                """)
                .param("id", promotionId).param("email", email).param("limit", limit)
                .update() > 0;
    }

    /** Marks the order's uses as released; returns (promotion id, customer email) of each one released now. */
    List<String[]> release(String orderReference, Instant at) {
        List<String[]> released = jdbc.sql("""
                UPDATE pricing.redemption SET released_at = :at
                WHERE order_reference = :reference AND released_at IS NULL
                RETURNING promotion_id, customer_email
                """)
                .param("reference", orderReference).param("at", Timestamp.from(at))
                .query((row, n) -> new String[] { row.getString("promotion_id"), row.getString("customer_email") })
                .list();
        for (String[] use : released) {
            UUID id = UUID.fromString(use[0]);
            jdbc.sql("UPDATE pricing.promotion SET uses = uses - 1 WHERE id = :id AND uses > 0 AND usage_limit IS NOT NULL")
                    .param("id", id).update();
            jdbc.sql("""
                    UPDATE pricing.customer_usage SET uses = uses - 1
                    WHERE promotion_id = :id AND customer_email = :email AND uses > 0
                    """)
                    .param("id", id).param("email", use[1]).update();
        }
        return released;
    }

    // Mapping

    private static Promotion promotion(ResultSet row, List<Promotion.Tier> tiers) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency").strip());
        BigDecimal amount = row.getBigDecimal("amount");
        BigDecimal minimum = row.getBigDecimal("minimum_subtotal");
        BigDecimal percent = row.getBigDecimal("percent");
        return new Promotion(row.getString("id"), row.getString("code"),
                LocalizedText.of(row.getString("label_fr"), row.getString("label_en")),
                PromotionKind.valueOf(row.getString("kind")),
                percent == null ? null : percent.stripTrailingZeros().scale() < 0 ? percent.setScale(0) : percent.stripTrailingZeros(),
                amount == null ? null : Money.of(amount, currency),
                (Integer) row.getObject("buy_quantity"), (Integer) row.getObject("free_quantity"), tiers,
                row.getString("category_slug"), List.copyOf(Arrays.asList((String[]) row.getArray("skus").getArray())),
                minimum == null ? null : Money.of(minimum, currency), instant(row, "valid_from"), instant(row, "valid_until"),
                (Integer) row.getObject("usage_limit"), (Integer) row.getObject("per_customer_limit"),
                row.getBoolean("combinable"), row.getInt("priority"), row.getBoolean("active"), row.getLong("current_uses"),
                instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
