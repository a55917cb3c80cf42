package io.boucle.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code, upper case ({@code FR}, {@code DE}, {@code GR}). */
public record CountryCode(String value) {

    private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    public static final CountryCode FRANCE = new CountryCode("FR");

    public CountryCode {
        Objects.requireNonNull(value, "value");
        value = value.strip().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(value)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + value);
        }
    }

    public static CountryCode of(String value) {
        return new CountryCode(value);
    }

    public static boolean isValid(String value) {
        return value != null && ISO_COUNTRIES.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    /** The country's name in the given language, e.g. "Allemagne" for DE in French. */
    public String displayName(Locale language) {
        return Locale.of("", value).getDisplayCountry(language);
    }

    @Override
    public String toString() {
        return value;
    }
}
