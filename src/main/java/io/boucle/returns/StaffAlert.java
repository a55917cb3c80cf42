package io.boucle.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Something the staff must act on, e.g. a refund due and not made in time.
 *
 * @param kind    {@code REFUND_OVERDUE}
 * @param message for the log, in English; pages show their own wording of {@code kind}
 * @param dueBy   the day the return's refund was due by
 */
public record StaffAlert(UUID id, UUID returnId, String returnNumber, String orderNumber, String kind, String message,
                         LocalDate dueBy, Instant raisedAt) {
}
