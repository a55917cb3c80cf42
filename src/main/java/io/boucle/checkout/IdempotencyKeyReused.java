package io.boucle.checkout;

/** An idempotency key already placed an order from another request: it cannot place a second. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String key) {
        super("the Idempotency-Key '" + key + "' was already used with a different request");
    }
}
