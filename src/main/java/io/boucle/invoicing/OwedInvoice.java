package io.boucle.invoicing;

import java.time.Instant;

/**
 * A paid order whose invoice could not be issued yet, and why: for staff to act on (confirm the
 * merchant settings, or invoice by hand what the rules refuse).
 */
public record OwedInvoice(String orderReference, Instant owedSince, int attempts, Instant nextAttemptAt,
        String problem) {
}
