package io.boucle.customer;

import java.time.Instant;

/**
 * Too many failed sign-ins for this address or from this client: no password is checked until
 * {@code until}. Said the same way whether or not the address has an account.
 */
public class SignInThrottled extends RuntimeException {

    private final Instant until;

    public SignInThrottled(Instant until) {
        super("too many failed sign-ins; try again after " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
