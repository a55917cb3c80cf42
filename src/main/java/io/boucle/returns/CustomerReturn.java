package io.boucle.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.boucle.order.OrderNumber;
import io.boucle.shared.Money;

/**
 * A return: for a withdrawal, declared at {@code requestedAt} (the date and time the acknowledgment
 * gives), or for a defect under the legal guarantee.
 *
 * @param wholeOrder         a withdrawal of every unit of the order: the standard delivery is refunded too
 * @param withdrawalDeadline the last day of the withdrawal period, when the goods had been received
 * @param refundDueBy        the day by which the refund must be made; null while it cannot be known
 * @param refundAmount       what was (or is being) refunded; null before
 * @param deliveryRefund     the part of it for the delivery
 */
public record CustomerReturn(UUID id, String number, OrderNumber order, ReturnKind kind, ReturnStatus status,
                             String channel, String reason, Instant requestedAt, boolean wholeOrder,
                             LocalDate withdrawalDeadline, LocalDate refundDueBy, Instant inspectedAt, String inspectedBy,
                             Money refundAmount, Money deliveryRefund, Instant refundedAt, String refundFailure,
                             String creditNote, String creditNoteProblem, List<ReturnLine> lines) {

    public boolean awaitingInspection() {
        return status == ReturnStatus.REQUESTED;
    }

    public boolean refundable() {
        return status == ReturnStatus.INSPECTED || status == ReturnStatus.REFUNDING;
    }

    public int units() {
        return lines.stream().mapToInt(ReturnLine::quantity).sum();
    }
}
