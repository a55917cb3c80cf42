package io.boucle.tax;

import java.time.LocalDate;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.regex.Pattern;

import io.boucle.shared.Percentage;

/**
 * Rates of a region that differ from its country's (Azores, Madeira, Jungholz, Mittelberg), as keys
 * overriding the national rate set, over time.
 */
record RegionalRates(String name, VatCountry country, Pattern postcode, NavigableMap<LocalDate, Map<String, Percentage>> periods) {

    boolean covers(VatCountry destinationCountry, String normalisedPostcode) {
        return country.equals(destinationCountry) && postcode.matcher(normalisedPostcode).lookingAt();
    }

    RateSet applyTo(RateSet national, LocalDate date) {
        Entry<LocalDate, Map<String, Percentage>> inForce = periods.floorEntry(date);
        return inForce == null ? national : national.with(inForce.getValue());
    }
}
