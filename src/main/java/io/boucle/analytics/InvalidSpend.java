package io.boucle.analytics;

import java.util.List;

/** Marketing spend that was refused, with every problem found (nothing was saved). */
public class InvalidSpend extends RuntimeException {

    private final List<String> problems;

    public InvalidSpend(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
