package io.boucle.staff;

import java.util.UUID;

/** A newly issued API token: the only moment its secret value is known. */
public record IssuedApiToken(UUID id, String token) {

    @Override
    public String toString() {
        return "IssuedApiToken[id=" + id + "]";
    }
}
