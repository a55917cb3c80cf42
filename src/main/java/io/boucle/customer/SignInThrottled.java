package io.boucle.customer;

import java.time.Instant;

/**
 * Too many failed password checks for this account (or typed address) or from this client, too many
 * sign-ups from this client, or too many passwords being checked at this moment: nothing is checked
 * until {@code until}. Said the same way whether or not the address has an account.
 */
public class SignInThrottled extends RuntimeException {

    private final Instant until;

    public SignInThrottled(Instant until) {
        super("too many attempts; try again after " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
