package io.boucle.payment.provider;

import java.util.Objects;

/** All Boucle ever keeps of a card: its brand and last four digits. */
public record CardDetails(String brand, String last4) {

    public CardDetails {
        Objects.requireNonNull(brand, "brand");
        if (last4 == null || !last4.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("last4 must be four digits");
        }
    }
}
