package io.boucle.invoicing;

import java.util.Optional;

/**
 * Checks on the text an invoice keeps for ten years: present when required, of a sensible length, and
 * free of control characters (a line break is allowed in long texts only), so that what is stored, printed
 * and hashed is exactly what was given.
 */
final class Texts {

    static final int SHORT = 200;
    static final int LONG = 1000;

    private Texts() {
    }

    /** The text stripped; throws naming it when it is missing or unfit. */
    static String required(String value, String name, int maxLength) {
        String stripped = value == null ? "" : value.strip();
        problem(stripped, maxLength).ifPresent(problem -> {
            throw new IllegalArgumentException(name + " " + problem);
        });
        return stripped;
    }

    /** What is wrong with a required text, e.g. "is required". */
    static Optional<String> problem(String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return Optional.of("is required");
        }
        return formProblem(value, maxLength);
    }

    /** The text as it is (it may be empty); throws naming it when it is unfit. */
    static String limit(String value, String name, int maxLength) {
        formProblem(value, maxLength).ifPresent(problem -> {
            throw new IllegalArgumentException(name + " " + problem);
        });
        return value;
    }

    private static Optional<String> formProblem(String value, int maxLength) {
        if (value.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        boolean multiline = maxLength >= LONG;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(multiline && c == '\n')) {
                return Optional.of("contains a control character");
            }
        }
        return Optional.empty();
    }
}
