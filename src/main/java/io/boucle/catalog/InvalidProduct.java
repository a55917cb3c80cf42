package io.boucle.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a product, field by field: the one rule set of the API, the back-office forms
 * and the CSV import. Nothing was written.
 */
public class InvalidProduct extends IllegalArgumentException {

    /**
     * @param field the field at fault, as the forms name it: {@code title}, {@code category},
     *        {@code variants[0].price}, {@code secondHand.condition}, {@code attributes[1]}…
     */
    public record Problem(String field, String message) {

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<Problem> problems;

    public InvalidProduct(List<Problem> problems) {
        super(String.join("; ", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The messages of each field, in order. */
    public Map<String, List<String>> byField() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        problems.forEach(p -> fields.computeIfAbsent(p.field(), f -> new java.util.ArrayList<>()).add(p.message()));
        return fields;
    }
}
