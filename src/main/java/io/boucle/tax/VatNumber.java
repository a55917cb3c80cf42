package io.boucle.tax;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A VAT identification number as the buyer gave it, e.g. {@code BE0123456789}, {@code EL123456789},
 * {@code XI123456789}. Spaces, dots and hyphens are dropped. Whether it is valid (VIES) is for the
 * caller to check; this type only reads the issuing country from its prefix.
 */
public record VatNumber(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[A-Z0-9+*]{2,13}");

    public VatNumber {
        Objects.requireNonNull(value, "value");
        value = value.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a VAT number: " + value);
        }
    }

    public static VatNumber of(String value) {
        return new VatNumber(value);
    }

    public String prefix() {
        return value.substring(0, 2);
    }

    /**
     * The jurisdiction that issued the number, read from its prefix: {@code EL} (also written
     * {@code GR}) is Greece, {@code XI} Northern Ireland; empty when the prefix is not a country.
     */
    public Optional<VatCountry> country() {
        return VatCountry.isValid(prefix()) ? Optional.of(VatCountry.of(prefix())) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
