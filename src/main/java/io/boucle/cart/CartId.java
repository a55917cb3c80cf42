package io.boucle.cart;

import java.util.UUID;

import io.boucle.shared.NotFound;

/** A cart's id: random (not time-ordered), since knowing it is enough to use a guest's cart. */
public record CartId(UUID value) {

    static CartId random() {
        return new CartId(UUID.randomUUID());
    }

    /** Parses an id from an address or a cookie; anything malformed is a cart that does not exist. */
    public static CartId parse(String value) {
        try {
            return new CartId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("no cart " + value);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
