package io.boucle.tax;

import java.util.Locale;
import java.util.Objects;

import io.boucle.shared.CountryCode;

/**
 * Where the goods are delivered (or, for a consumer buying services, where the buyer lives). The postal
 * code matters where a country's VAT territory stops short of its borders (French overseas departments,
 * Canary Islands, Heligoland, Northern Ireland...) or has regional rates (Azores, Madeira).
 *
 * @param postalCode may be empty when the country has none
 */
public record Destination(CountryCode country, String postalCode) {

    public Destination {
        Objects.requireNonNull(country, "country");
        postalCode = postalCode == null ? "" : postalCode.strip();
    }

    public static Destination of(String country, String postalCode) {
        return new Destination(CountryCode.of(country), postalCode);
    }

    /** The postal code as the territory table matches it: upper case, without spaces or hyphens. */
    public String normalisedPostalCode() {
        return postalCode.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return postalCode.isEmpty() ? country.value() : country.value() + " " + postalCode;
    }
}
