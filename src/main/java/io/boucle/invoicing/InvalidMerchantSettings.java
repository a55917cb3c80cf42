package io.boucle.invoicing;

import java.util.List;
import java.util.stream.Collectors;

/** Merchant settings that cannot be saved, with every field at fault; nothing was written. */
public class InvalidMerchantSettings extends IllegalArgumentException {

    /** One field at fault, named as the {@link MerchantSettings} component (and the API field) is. */
    public record Problem(String field, String message) {
    }

    private final transient List<Problem> problems;

    public InvalidMerchantSettings(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
