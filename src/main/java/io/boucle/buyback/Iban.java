package io.boucle.buyback;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An International Bank Account Number, checked as ISO 13616 says: the country's length, then the
 * mod-97 check (the first four characters moved to the end, letters turned into 10–35, the number
 * modulo 97 must be 1). Spaces and lower case are accepted as people type them.
 */
public record Iban(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}");

    /** Lengths of the SEPA countries' IBANs (ISO 13616 registry); other countries are refused. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
            Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
            Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28),
            Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
            Map.entry("SM", 27), Map.entry("VA", 22));

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    public Iban {
        if (!valid(value)) {
            throw new IllegalArgumentException("not a valid IBAN");
        }
    }

    /** The IBAN typed, in its electronic form, when it is valid. */
    public static Optional<Iban> parse(String typed) {
        String compact = compact(typed);
        return valid(compact) ? Optional.of(new Iban(compact)) : Optional.empty();
    }

    static String compact(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static boolean valid(String iban) {
        if (iban == null || !SHAPE.matcher(iban).matches()) {
            return false;
        }
        Integer length = LENGTHS.get(iban.substring(0, 2));
        if (length == null || iban.length() != length) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** Grouped by four, as printed: {@code FR76 3000 6000 0112 3456 7890 189}. */
    public String formatted() {
        return value.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** Only the country and the last four characters, for pages and lists. */
    public String masked() {
        return value.substring(0, 4) + " **** " + value.substring(value.length() - 4);
    }
}
