package io.boucle.customer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a customer bought, as the orders tell it: orders paid (not cancelled nor fully returned), what
 * they came to in euros incl. VAT, and when the last one was placed (null when none).
 */
public record PurchaseHistory(int paidOrders, BigDecimal spentEuros, Instant lastOrderAt) {

    public static final PurchaseHistory NONE = new PurchaseHistory(0, BigDecimal.ZERO, null);
}
