package io.boucle.customer;

import java.util.List;
import java.util.stream.Collectors;

/** Account details that cannot be saved, with every field at fault; nothing was written. */
public class InvalidCustomerDetails extends IllegalArgumentException {

    /**
     * @param field   {@code email}, {@code name}, {@code password}, {@code currentPassword}
     * @param code    a stable name of the rule broken, for translated messages: {@code email.invalid},
     *                {@code email.taken}, {@code name.required}, {@code name.tooLong}, {@code password.tooShort},
     *                {@code password.tooLong}, {@code currentPassword.wrong}
     */
    public record Problem(String field, String code) {
    }

    private final transient List<Problem> problems;

    public InvalidCustomerDetails(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.code()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
