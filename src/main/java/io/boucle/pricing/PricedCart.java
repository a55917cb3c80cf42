package io.boucle.pricing;

import java.util.List;
import java.util.Map;

import io.boucle.shared.Money;

/**
 * The discounts a cart gets.
 *
 * @param lineDiscounts    by line id, VAT included, each at most the line's total; lines without one are absent
 * @param deliveryDiscount at most the delivery price
 */
public record PricedCart(Map<String, Money> lineDiscounts, Money deliveryDiscount, List<AppliedPromotion> applied,
                         List<RejectedCode> rejected) {

    public Money totalDiscount() {
        return lineDiscounts.values().stream().reduce(deliveryDiscount, Money::plus);
    }
}
