package io.boucle.checkout;

import io.boucle.shared.Money;

/**
 * The total the server prices the cart at is not the one the shopper confirmed: a price, promotion,
 * delivery cost, exchange rate or VAT changed since the recap. Nothing was written; the shopper must
 * confirm {@code total} again.
 */
public class PricesChanged extends RuntimeException {

    private final Money confirmed;
    private final Money total;

    public PricesChanged(Money confirmed, Money total) {
        super("the total is now " + total + ", not the " + confirmed + " confirmed: confirm the new total to order");
        this.confirmed = confirmed;
        this.total = total;
    }

    /** What the shopper was shown and confirmed. */
    public Money confirmed() {
        return confirmed;
    }

    /** What the cart costs now, in the currency it is charged in. */
    public Money total() {
        return total;
    }
}
