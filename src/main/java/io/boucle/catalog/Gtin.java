package io.boucle.catalog;

/** GS1 trade item numbers (EAN-8, UPC-A, EAN-13, GTIN-14): digits whose last one checks the others. */
final class Gtin {

    private Gtin() {
    }

    static boolean valid(String code) {
        if (code == null || !code.matches("\\d{8}|\\d{12}|\\d{13}|\\d{14}")) {
            return false;
        }
        int sum = 0;
        // From the right, leaving out the check digit: weights 3, 1, 3, 1…
        for (int i = code.length() - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (code.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10 == code.charAt(code.length() - 1) - '0';
    }
}
