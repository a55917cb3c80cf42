package io.boucle.customer;

import java.time.Instant;

/**
 * One answer of a customer to a consent question, as it was recorded: later answers never change
 * earlier ones.
 *
 * @param wording what the customer read when answering
 * @param source  where they answered: {@code sign-up}, {@code account}
 */
public record Consent(Purpose purpose, boolean granted, String wording, String source, Instant recordedAt) {

    public enum Purpose {
        /** Newsletters and offers by email (prior opt-in, CPCE L34-5). */
        MARKETING_EMAIL
    }
}
