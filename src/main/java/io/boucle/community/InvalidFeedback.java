package io.boucle.community;

import java.util.List;
import java.util.stream.Collectors;

/** A review, question or answer that cannot be kept, with every field at fault; nothing was written. */
public class InvalidFeedback extends IllegalArgumentException {

    /**
     * @param field {@code rating}, {@code title}, {@code body}, {@code question}, {@code email}, {@code answer}
     * @param code  a stable name of the rule broken, for translated messages: {@code rating.required},
     *              {@code title.tooLong}, {@code body.tooShort}, {@code body.tooLong}, {@code question.tooShort},
     *              {@code question.tooLong}, {@code email.invalid}, {@code answer.required}, {@code answer.tooLong}
     */
    public record Problem(String field, String code) {
    }

    private final transient List<Problem> problems;

    public InvalidFeedback(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.code()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The limits the problems' messages may name, in this order: {@code {0}} the longest review title,
     * {@code {1}} and {@code {2}} the shortest and longest review, {@code {3}} and {@code {4}} the
     * shortest and longest question, {@code {5}} the longest answer.
     */
    public static Object[] limits() {
        return new Object[] { Reviews.MAX_TITLE, Reviews.MIN_BODY, Reviews.MAX_BODY, Questions.MIN_QUESTION,
                Questions.MAX_QUESTION, Questions.MAX_ANSWER };
    }

    public boolean concerns(String field) {
        return problems.stream().anyMatch(problem -> problem.field().equals(field));
    }
}
