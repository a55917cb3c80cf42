package io.boucle.tax;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The VAT number check of the demo and the tests, with no network: a number is valid when it has its
 * member state's shape and, where this check knows them (AT, BE, DE, DK, FI, FR, IT, LU, NL, PL, PT, SE),
 * valid check digits. It says nothing of the number's registration, so {@link TaxConfiguration} refuses
 * it outside demo mode and the tests: a real shop uses {@link ViesVatNumberCheck}.
 */
final class OfflineVatNumberCheck implements VatNumberCheck {

    static final String SOURCE = "offline";

    private static final Map<String, Pattern> SHAPES = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")), Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")), Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")), Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")), Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")), Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("\\d{8}")), Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")), Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")), Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")), Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")), Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")), Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")), Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("[1-9]\\d{7}")), Map.entry("SK", Pattern.compile("[1-9]\\d{9}")),
            Map.entry("XI", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")));

    private final Clock clock;

    OfflineVatNumberCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public VatNumberVerdict check(VatNumber number) {
        Instant now = Instant.now(clock);
        boolean valid = isValid(number);
        return new VatNumberVerdict(number.value(), valid ? VatNumberVerdict.Status.VALID : VatNumberVerdict.Status.INVALID,
                now, SOURCE, null, null, valid ? null : "not a VAT number of " + number.prefix());
    }

    /** In the demo and the tests only: its own verdicts exempt, as VIES's would. */
    @Override
    public boolean proves(VatNumberVerdict verdict) {
        return verdict != null && verdict.valid() && (SOURCE.equals(verdict.source()) || ViesVatNumberCheck.SOURCE.equals(verdict.source()));
    }

    static boolean isValid(VatNumber number) {
        String prefix = number.prefix().equals("GR") ? "EL" : number.prefix();
        String rest = number.value().substring(2);
        Pattern shape = SHAPES.get(prefix);
        if (shape == null || !shape.matcher(rest).matches()) {
            return false;
        }
        return switch (prefix) {
            case "AT" -> austria(rest.substring(1));
            case "BE" -> Long.parseLong(rest.substring(0, 8)) % 97 == 97 - Integer.parseInt(rest.substring(8));
            case "DE" -> germany(rest);
            case "DK" -> weighted(rest, new int[] {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0;
            case "FI" -> finland(rest);
            case "FR" -> france(rest);
            case "IT", "SE" -> luhn(rest.substring(0, prefix.equals("SE") ? 10 : 11));
            case "LU" -> Integer.parseInt(rest.substring(0, 6)) % 89 == Integer.parseInt(rest.substring(6));
            case "NL" -> netherlands(rest);
            case "PL" -> weighted(rest, new int[] {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11 == digit(rest, 9);
            case "PT" -> portugal(rest);
            default -> true;
        };
    }

    private static int digit(String digits, int index) {
        return digits.charAt(index) - '0';
    }

    private static int weighted(String digits, int[] weights) {
        int sum = 0;
        for (int index = 0; index < weights.length; index++) {
            sum += digit(digits, index) * weights[index];
        }
        return sum;
    }

    private static boolean austria(String digits) {
        int sum = 0;
        for (int index = 0; index < 7; index++) {
            int value = digit(digits, index) * (index % 2 == 0 ? 1 : 2);
            sum += value / 10 + value % 10;
        }
        return (10 - (sum + 4) % 10) % 10 == digit(digits, 7);
    }

    /** ISO 7064 MOD 11,10. */
    private static boolean germany(String digits) {
        int product = 10;
        for (int index = 0; index < 8; index++) {
            int sum = (digit(digits, index) + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (2 * sum) % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == digit(digits, 8);
    }

    private static boolean finland(String digits) {
        int remainder = weighted(digits, new int[] {7, 9, 10, 5, 8, 4, 2}) % 11;
        if (remainder == 1) {
            return false;
        }
        return (remainder == 0 ? 0 : 11 - remainder) == digit(digits, 7);
    }

    private static boolean france(String rest) {
        String key = rest.substring(0, 2);
        if (!key.chars().allMatch(Character::isDigit)) {
            return true;
        }
        long siren = Long.parseLong(rest.substring(2));
        return (12 + 3 * (siren % 97)) % 97 == Integer.parseInt(key);
    }

    private static boolean netherlands(String rest) {
        int remainder = weighted(rest, new int[] {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
        if (remainder == digit(rest, 8)) {
            return true;
        }
        // Numbers issued since 2020 to sole traders: ISO 7064 MOD 97-10 over "NL" and the number.
        String numeric = "2321" + rest.replace("B", "11");
        return new java.math.BigInteger(numeric).mod(java.math.BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean portugal(String digits) {
        int check = 11 - weighted(digits, new int[] {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
        return (check > 9 ? 0 : check) == digit(digits, 8);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int index = 0; index < digits.length(); index++) {
            int value = digit(digits, digits.length() - 1 - index);
            if (index % 2 == 1) {
                value *= 2;
                if (value > 9) {
                    value -= 9;
                }
            }
            sum += value;
        }
        return sum % 10 == 0;
    }
}
