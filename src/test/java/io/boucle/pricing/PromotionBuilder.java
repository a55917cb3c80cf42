package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/** Test promotions: {@code aPromotion("p1").percent("10").build()}. */
final class PromotionBuilder {

    private final String id;
    private String code;
    private PromotionKind kind = PromotionKind.PERCENTAGE;
    private BigDecimal percent;
    private Money amount;
    private Integer buy;
    private Integer free;
    private final List<Promotion.Tier> tiers = new ArrayList<>();
    private String category;
    private List<String> skus = List.of();
    private Money minimum;
    private Instant from;
    private Instant until;
    private Integer usageLimit;
    private Integer perCustomerLimit;
    private boolean combinable = true;
    private int priority = 100;
    private boolean active = true;
    private long uses;

    private PromotionBuilder(String id) {
        this.id = id;
    }

    static PromotionBuilder aPromotion(String id) {
        return new PromotionBuilder(id);
    }

    PromotionBuilder percent(String value) {
        kind = PromotionKind.PERCENTAGE;
        percent = new BigDecimal(value);
        return this;
    }

    PromotionBuilder fixed(String euros) {
        kind = PromotionKind.FIXED_AMOUNT;
        amount = Money.euros(euros);
        return this;
    }

    PromotionBuilder freeDelivery() {
        kind = PromotionKind.FREE_DELIVERY;
        return this;
    }

    PromotionBuilder buyGet(int x, int y) {
        kind = PromotionKind.BUY_X_GET_Y;
        buy = x;
        free = y;
        return this;
    }

    PromotionBuilder tier(String threshold, String discount) {
        kind = PromotionKind.TIERED_SPEND;
        tiers.add(new Promotion.Tier(Money.euros(threshold), Money.euros(discount)));
        return this;
    }

    PromotionBuilder code(String value) {
        code = value;
        return this;
    }

    PromotionBuilder category(String slug) {
        category = slug;
        return this;
    }

    PromotionBuilder skus(String... values) {
        skus = List.of(values);
        return this;
    }

    PromotionBuilder minimum(String euros) {
        minimum = Money.euros(euros);
        return this;
    }

    PromotionBuilder validFrom(Instant value) {
        from = value;
        return this;
    }

    PromotionBuilder validUntil(Instant value) {
        until = value;
        return this;
    }

    PromotionBuilder usageLimit(int limit, long used) {
        usageLimit = limit;
        uses = used;
        return this;
    }

    PromotionBuilder perCustomer(int limit) {
        perCustomerLimit = limit;
        return this;
    }

    PromotionBuilder exclusive() {
        combinable = false;
        return this;
    }

    PromotionBuilder priority(int value) {
        priority = value;
        return this;
    }

    PromotionBuilder deactivated() {
        active = false;
        return this;
    }

    Promotion build() {
        return new Promotion(id, code, LocalizedText.of("Promo " + id, "Promo " + id + " (en)"), kind, percent, amount, buy, free,
                tiers, category, skus, minimum, from, until, usageLimit, perCustomerLimit, combinable, priority, active, uses,
                Instant.EPOCH);
    }
}
