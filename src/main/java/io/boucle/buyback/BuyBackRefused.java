package io.boucle.buyback;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What was asked cannot be done: bad input, or an offer not in the state the action needs. Nothing
 * was changed. Each problem names its field ({@code status} for a state that forbids the action) and
 * a message key of {@code i18n/buyback} with its plain-English text.
 */
public class BuyBackRefused extends RuntimeException {

    public record Problem(String field, String code, String message) {
    }

    private final List<Problem> problems;

    public BuyBackRefused(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    static BuyBackRefused of(String field, String code, String message) {
        return new BuyBackRefused(List.of(new Problem(field, code, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
