package io.boucle.catalog;

import java.util.Objects;
import java.util.UUID;

public record QuestionId(UUID value) {

    public QuestionId {
        Objects.requireNonNull(value, "value");
    }

    /** The id written in an address, or empty when it is not one. */
    public static java.util.Optional<QuestionId> parse(String text) {
        try {
            return java.util.Optional.of(new QuestionId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
