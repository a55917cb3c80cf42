package io.boucle.returns;

import java.time.Instant;
import java.util.UUID;

import io.boucle.order.OrderNumber;

/**
 * A return was inspected and at least one of its lines accepted: the customer's withdrawal or the
 * defect under the legal guarantee stands, and {@code units} units come back.
 */
public record ReturnAccepted(UUID returnId, OrderNumber order, ReturnKind kind, int units, Instant at) {
}
