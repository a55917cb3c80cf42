package io.boucle.pricing;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A promotion that reduced the cart, and by how much.
 *
 * @param code the discount code, null for an automatic promotion
 */
public record AppliedPromotion(String promotionId, String code, LocalizedText label, Money amount) {
}
