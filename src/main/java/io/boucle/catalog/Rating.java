package io.boucle.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The published reviews of a product, summed up. */
public record Rating(int count, BigDecimal average) {

    public static final Rating NONE = new Rating(0, BigDecimal.ZERO);

    public static Rating of(int count, int sum) {
        return count == 0 ? NONE : new Rating(count, BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP));
    }
}
