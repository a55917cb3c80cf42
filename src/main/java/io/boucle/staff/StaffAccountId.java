package io.boucle.staff;

import java.util.Objects;
import java.util.UUID;

public record StaffAccountId(UUID value) {

    public StaffAccountId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
