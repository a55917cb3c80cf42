package io.boucle.checkout;

import java.util.List;

/** The cart cannot be ordered as it is; {@code problems} says what to fix. Nothing was written. */
public class CheckoutBlocked extends IllegalStateException {

    private final List<String> problems;

    public CheckoutBlocked(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
