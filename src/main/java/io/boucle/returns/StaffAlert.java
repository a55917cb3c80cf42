package io.boucle.returns;

import java.time.Instant;
import java.util.UUID;

/** Something the staff must act on, e.g. a refund due and not made in time. */
public record StaffAlert(UUID id, UUID returnId, String returnNumber, String orderNumber, String kind, String message,
                         Instant raisedAt) {
}
