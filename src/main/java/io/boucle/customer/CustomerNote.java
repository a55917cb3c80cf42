package io.boucle.customer;

import java.time.Instant;
import java.util.UUID;

/** A note staff wrote about a customer. */
public record CustomerNote(UUID id, String staffEmail, String body, Instant createdAt) {
}
