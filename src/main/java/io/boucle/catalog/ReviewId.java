package io.boucle.catalog;

import java.util.Objects;
import java.util.UUID;

public record ReviewId(UUID value) {

    public ReviewId {
        Objects.requireNonNull(value, "value");
    }

    /** The id written in an address, or empty when it is not one. */
    public static java.util.Optional<ReviewId> parse(String text) {
        try {
            return java.util.Optional.of(new ReviewId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
