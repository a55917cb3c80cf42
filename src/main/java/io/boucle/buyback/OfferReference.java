package io.boucle.buyback;

import java.util.Optional;
import java.util.regex.Pattern;

/** A buy-back offer's number as the customer and staff read it: {@code RA2026-000042}. */
public record OfferReference(String value) {

    private static final Pattern SHAPE = Pattern.compile("RA\\d{4}-\\d{6,}");

    public OfferReference {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a buy-back reference: " + value);
        }
    }

    public static Optional<OfferReference> parse(String value) {
        return value != null && SHAPE.matcher(value).matches() ? Optional.of(new OfferReference(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
