package io.boucle.invoicing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A French company's SIREN: the 9 digits INSEE gives a legal unit, the last a Luhn check digit. Every
 * invoice carries the seller's (Code de commerce art. R123-237; CGI ann. II art. 242 nonies A), and from
 * the e-invoicing reform the buyer's when it is a business (décret n° 2022-1299); the French e-invoicing
 * rules (BR-FR) want 9 digits and a valid Luhn key.
 * Spaces are dropped: {@code "732 829 320"} is read as {@code 732829320}.
 */
public record Siren(String value) {

    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");

    public Siren {
        Objects.requireNonNull(value, "value");
        value = value.replace(" ", "").replace("\u00a0", "");
        if (!NINE_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("a SIREN has 9 digits: " + value);
        }
        if (value.equals("000000000")) {
            throw new IllegalArgumentException("000000000 is not a SIREN");
        }
        if (!Luhn.isValid(value)) {
            throw new IllegalArgumentException("not a valid SIREN, its check digit is wrong (Luhn): " + value);
        }
    }

    public static Siren of(String value) {
        return new Siren(value);
    }

    public static boolean isValid(String value) {
        try {
            return value != null && new Siren(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The French VAT number of this company: {@code FR}, a two-digit key, then the SIREN, where
     * {@code key = (12 + 3 × (SIREN mod 97)) mod 97}, the key the tax administration assigns and VIES
     * checks.
     */
    public String vatNumber() {
        long key = (12 + 3 * (Long.parseLong(value) % 97)) % 97;
        return "FR%02d%s".formatted(key, value);
    }

    /** As printed: {@code 732 829 320}. */
    public String formatted() {
        return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6);
    }

    @Override
    public String toString() {
        return value;
    }
}
