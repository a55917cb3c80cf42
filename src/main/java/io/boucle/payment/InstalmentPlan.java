package io.boucle.payment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.boucle.shared.Money;

/**
 * Pay in 3 or 4: equal monthly parts, the odd cents on the first, the first taken today and the
 * others on the same day of the following months (or the month's last day when it is shorter).
 */
final class InstalmentPlan {

    static final Set<Integer> COUNTS = Set.of(3, 4);

    private InstalmentPlan() {
    }

    static void checkCount(int count) {
        if (!COUNTS.contains(count)) {
            throw new IllegalArgumentException("instalments are offered in 3 or 4 payments, not " + count);
        }
    }

    /** @throws IllegalArgumentException unless {@code amount} makes {@code count} instalments of at least one cent */
    static void check(Money amount, int count) {
        checkCount(count);
        if (!amount.isPositive() || !amount.isRoundedToMinorUnit() || amount.minorUnits() < count) {
            throw new IllegalArgumentException("an instalment plan needs an amount in whole cents of at least one cent per instalment: " + amount);
        }
    }

    static List<Instalment> schedule(Money amount, int count, LocalDate firstDueDate) {
        check(amount, count);
        List<Money> parts = amount.split(count);
        List<Instalment> schedule = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            schedule.add(new Instalment(i + 1, firstDueDate.plusMonths(i), parts.get(i)));
        }
        return List.copyOf(schedule);
    }
}
