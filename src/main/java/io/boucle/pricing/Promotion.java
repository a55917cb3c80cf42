package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A promotion as stored: what it gives ({@link #kind()} and the fields of that kind), to which
 * products, when, how often and with what else.
 *
 * @param code             upper case; null for an automatic promotion, which applies without a code
 * @param percent          PERCENTAGE only, above 0 and at most 100, two decimals at most
 * @param amount           FIXED_AMOUNT only
 * @param buyQuantity      BUY_X_GET_Y only: X
 * @param freeQuantity     BUY_X_GET_Y only: Y
 * @param tiers            TIERED_SPEND only, thresholds ascending
 * @param categorySlug     scope: the products of this category and of its sub-categories; null with no scope
 * @param skus             scope: these SKUs only; empty with no scope (both empty: every product)
 * @param minimumSubtotal  the cart's subtotal (VAT included, before discounts) it needs, or null
 * @param validFrom        null: from now on
 * @param validUntil       exclusive; null: no end
 * @param usageLimit       total uses (orders), or null
 * @param perCustomerLimit uses per customer email, or null
 * @param combinable       false: never applied together with another promotion
 * @param priority         lower applies first among combinable promotions, and wins ties
 * @param active           false once deactivated
 * @param uses             orders that used it, releases deducted
 */
public record Promotion(String id, String code, LocalizedText label, PromotionKind kind, BigDecimal percent, Money amount,
                        Integer buyQuantity, Integer freeQuantity, List<Tier> tiers, String categorySlug, List<String> skus,
                        Money minimumSubtotal, Instant validFrom, Instant validUntil, Integer usageLimit,
                        Integer perCustomerLimit, boolean combinable, int priority, boolean active, long uses,
                        Instant createdAt) {

    /** From {@code threshold} spent (VAT included, on eligible lines), {@code discount} off. */
    public record Tier(Money threshold, Money discount) {
    }

    public Promotion {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        skus = skus == null ? List.of() : List.copyOf(skus);
    }

    public boolean automatic() {
        return code == null;
    }

    public PromotionStatus status(Instant at) {
        if (!active) {
            return PromotionStatus.DEACTIVATED;
        }
        if (validUntil != null && !at.isBefore(validUntil)) {
            return PromotionStatus.EXPIRED;
        }
        if (usageLimit != null && uses >= usageLimit) {
            return PromotionStatus.USED_UP;
        }
        if (validFrom != null && at.isBefore(validFrom)) {
            return PromotionStatus.SCHEDULED;
        }
        return PromotionStatus.ACTIVE;
    }

    /** The draft that would recreate it, e.g. to edit it. */
    public PromotionDraft toDraft() {
        return new PromotionDraft(code, label, kind, percent, amount, buyQuantity, freeQuantity, tiers, categorySlug, skus,
                minimumSubtotal, validFrom, validUntil, usageLimit, perCustomerLimit, combinable, priority);
    }
}
