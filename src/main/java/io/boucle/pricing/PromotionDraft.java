package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A promotion to create, or the new content of one (see {@link Promotion} for each field). Checked
 * as a whole by {@link Pricing#create(PromotionDraft)}: fields that do not belong to the kind must
 * be null; a code is 3 to 32 letters, digits, '-' or '_', compared without case.
 */
public record PromotionDraft(String code, LocalizedText label, PromotionKind kind, BigDecimal percent, Money amount,
                             Integer buyQuantity, Integer freeQuantity, List<Promotion.Tier> tiers, String categorySlug,
                             List<String> skus, Money minimumSubtotal, Instant validFrom, Instant validUntil,
                             Integer usageLimit, Integer perCustomerLimit, boolean combinable, int priority) {

    public PromotionDraft {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        skus = skus == null ? List.of() : List.copyOf(skus);
    }
}
