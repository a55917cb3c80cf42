package io.boucle.invoicing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An establishment's SIRET: its company's SIREN then a 5-digit NIC, 14 digits with a Luhn check over all
 * of them. One exception, documented by INSEE: the establishments of La Poste (SIREN 356 000 000) are too
 * many for the Luhn key, so apart from its head office their SIRETs are checked by the sum of the 14
 * digits being a multiple of 5.
 */
public record Siret(String value) {

    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");
    private static final String LA_POSTE = "356000000";

    public Siret {
        Objects.requireNonNull(value, "value");
        value = value.replace(" ", "").replace("\u00a0", "");
        if (!FOURTEEN_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("a SIRET has 14 digits: " + value);
        }
        if (!Luhn.isValid(value) && !(value.startsWith(LA_POSTE) && digitSum(value) % 5 == 0)) {
            throw new IllegalArgumentException("not a valid SIRET, its check digit is wrong (Luhn): " + value);
        }
    }

    public static Siret of(String value) {
        return new Siret(value);
    }

    public static boolean isValid(String value) {
        try {
            return value != null && new Siret(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The company the establishment belongs to. */
    public Siren siren() {
        return Siren.of(value.substring(0, 9));
    }

    /** As printed: {@code 732 829 320 00074}. */
    public String formatted() {
        return siren().formatted() + " " + value.substring(9);
    }

    @Override
    public String toString() {
        return value;
    }

    private static int digitSum(String digits) {
        return digits.chars().map(c -> c - '0').sum();
    }
}
