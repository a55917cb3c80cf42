package io.boucle.cart;

import io.boucle.shared.InvalidField;
import io.boucle.shared.LocalizedText;

/** A discount code that does not apply to the cart, with the reason to show the shopper. */
public class DiscountCodeRefused extends InvalidField {

    private final LocalizedText reason;

    public DiscountCodeRefused(String code, LocalizedText reason) {
        super("code", "'" + code + "' does not apply: " + reason.en());
        this.reason = reason;
    }

    public LocalizedText localizedReason() {
        return reason;
    }
}
