package io.boucle.order;

import java.util.regex.Pattern;

/** An order's business number, e.g. {@code B2026-000042}: the year it was placed and a sequence. */
public record OrderNumber(String value) {

    private static final Pattern SHAPE = Pattern.compile("B\\d{4}-\\d{6,}");

    public OrderNumber {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new io.boucle.shared.NotFound("no order " + value);
        }
    }

    static OrderNumber of(int year, long sequence) {
        return new OrderNumber("B%04d-%06d".formatted(year, sequence));
    }

    @Override
    public String toString() {
        return value;
    }
}
