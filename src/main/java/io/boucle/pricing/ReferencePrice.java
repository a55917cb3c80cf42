package io.boucle.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;

/**
 * The reference price of a reduction (Code de la consommation, L112-1-1): the lowest price
 * practised during the 30 days before the reduction was applied.
 * <p>
 * The reduction starts when the SKU's recorded price became the price now announced; when that
 * price is not (yet) the recorded one, it starts at the moment asked about. The prices practised in
 * the 30 days before that start are the one in force when the window opened and every one recorded
 * within it. Without any recorded price before the start there is no reference, so no reduction is
 * announced. So with a sale at 40 after 60 then 45 within the month, the reference is 45, and stays
 * 45 while the sale lasts.
 */
final class ReferencePrice {

    static final Duration WINDOW = Duration.ofDays(30);

    /** A price recorded from a moment on. */
    record PricePoint(Instant from, Money price) {
    }

    private ReferencePrice() {
    }

    /**
     * @param history the SKU's recorded prices, oldest first
     */
    static Optional<PriceReduction> reduction(List<PricePoint> history, Money price, Instant at) {
        int current = -1;
        for (int i = 0; i < history.size() && !history.get(i).from().isAfter(at); i++) {
            current = i;
        }
        Instant start = at;
        int last = current; // the last point that can be before the start
        if (current >= 0 && sameAmount(history.get(current).price(), price)) {
            // The run of this price started at the first of its consecutive points.
            int first = current;
            while (first > 0 && sameAmount(history.get(first - 1).price(), price)) {
                first--;
            }
            start = history.get(first).from();
            last = first - 1;
        }
        Instant windowOpens = start.minus(WINDOW);
        Money reference = null;
        for (int i = last; i >= 0; i--) {
            PricePoint point = history.get(i);
            if (!point.from().isBefore(start)) {
                continue;
            }
            if (!point.price().currency().equals(price.currency())) {
                return Optional.empty();
            }
            reference = reference == null ? point.price() : reference.min(point.price());
            if (!point.from().isAfter(windowOpens)) {
                break; // in force when the window opened: nothing older counts
            }
        }
        if (reference == null || !price.isLessThan(reference)) {
            return Optional.empty();
        }
        BigDecimal percent = reference.amount().subtract(price.amount()).multiply(BigDecimal.valueOf(100))
                .divide(reference.amount(), 0, RoundingMode.DOWN);
        return Optional.of(new PriceReduction(price, reference, percent));
    }

    private static boolean sameAmount(Money a, Money b) {
        return a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
    }
}
