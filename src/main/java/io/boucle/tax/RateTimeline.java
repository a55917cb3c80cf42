package io.boucle.tax;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.boucle.shared.Percentage;

/**
 * A country's rates over time: the periods of the data file with the local corrections laid on top.
 * A rate in force from a date applies to a sale on that date; the day before, the previous rate does.
 */
final class RateTimeline {

    /** A period of the data file: these rates from this date until the next period. */
    record Period(LocalDate from, RateSet rates) {
    }

    /** A correction: these keys take these values from {@code from} to {@code until} inclusive (open when empty). */
    record Correction(LocalDate from, Optional<LocalDate> until, Map<String, Percentage> set, String source) {
        boolean activeOn(LocalDate date) {
            return !date.isBefore(from) && until.map(end -> !date.isAfter(end)).orElse(true);
        }
    }

    private final String country;
    private final NavigableMap<LocalDate, RateSet> periods;

    private RateTimeline(String country, NavigableMap<LocalDate, RateSet> periods) {
        this.country = country;
        this.periods = periods;
    }

    /**
     * Builds the timeline: at every date where a period starts, a correction starts or a correction
     * ends, the rates are those of the data file's period then in force with every correction active
     * on that date applied in file order.
     */
    static RateTimeline of(String country, List<Period> base, List<Correction> corrections) {
        NavigableMap<LocalDate, RateSet> baseByDate = new TreeMap<>();
        base.forEach(period -> baseByDate.put(period.from(), period.rates()));
        TreeSet<LocalDate> changes = new TreeSet<>(baseByDate.keySet());
        for (Correction correction : corrections) {
            changes.add(correction.from());
            correction.until().ifPresent(end -> changes.add(end.plusDays(1)));
        }
        NavigableMap<LocalDate, RateSet> periods = new TreeMap<>();
        for (LocalDate change : changes) {
            Entry<LocalDate, RateSet> inForce = baseByDate.floorEntry(change);
            if (inForce == null) {
                continue;
            }
            RateSet rates = inForce.getValue();
            for (Correction correction : corrections) {
                if (correction.activeOn(change)) {
                    rates = rates.with(correction.set());
                }
            }
            periods.put(change, rates);
        }
        return new RateTimeline(country, periods);
    }

    RateSet at(LocalDate date) {
        Entry<LocalDate, RateSet> inForce = periods.floorEntry(date);
        if (inForce == null) {
            throw new IllegalStateException("no VAT rates known for " + country + " on " + date);
        }
        return inForce.getValue();
    }
}
