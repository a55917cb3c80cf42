package io.boucle.payment;

import java.util.UUID;

public record PaymentId(UUID value) {

    public static PaymentId of(String value) {
        return new PaymentId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
