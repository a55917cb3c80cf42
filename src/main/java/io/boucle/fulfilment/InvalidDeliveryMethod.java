package io.boucle.fulfilment;

import java.util.List;
import java.util.stream.Collectors;

/** Delivery method settings that cannot be saved, with every field at fault; nothing was written. */
public class InvalidDeliveryMethod extends IllegalArgumentException {

    /**
     * One field at fault.
     *
     * @param field   named as the API names it: {@code label.fr}, {@code countries[1]}, {@code priceBands[2].price}
     * @param code    a stable name of the rule broken, for translated messages (e.g. {@code bands.order})
     * @param message the rule in English
     */
    public record Problem(String field, String code, String message) {
    }

    private final transient List<Problem> problems;

    public InvalidDeliveryMethod(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
