package io.boucle.tax;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.boucle.shared.Percentage;

/** The rates of one country or region in force on a date, by the keys of the data files ({@code standard}, {@code reduced1}, ...). */
record RateSet(Map<String, Percentage> rates) {

    RateSet {
        rates = Map.copyOf(rates);
    }

    Optional<Percentage> rate(String key) {
        return Optional.ofNullable(rates.get(key));
    }

    /** These rates with some keys set to other values. */
    RateSet with(Map<String, Percentage> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, Percentage> merged = new HashMap<>(rates);
        merged.putAll(overrides);
        return new RateSet(merged);
    }
}
