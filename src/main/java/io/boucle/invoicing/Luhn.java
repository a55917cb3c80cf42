package io.boucle.invoicing;

/**
 * The Luhn (mod 10) check of INSEE's SIREN and SIRET numbers: from the rightmost digit, every second
 * digit is doubled (9 subtracted when above 9), and the sum must be a multiple of 10.
 */
final class Luhn {

    private Luhn() {
    }

    static boolean isValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }
}
