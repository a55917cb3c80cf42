package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.boucle.order.OrderNumber;

/**
 * A paid order as fulfilment sees it: its lines and what has shipped of them, its parcels, its
 * promised delivery date, and for click & collect whether it is ready. The pickup code itself is
 * never part of it: only the customer gets it.
 *
 * @param promisedDate    the latest date the order must reach the customer by (L216-1)
 * @param trackingToken   what addresses the public tracking page {@code /suivi/<token>}
 * @param smsPhone        where shipping notices also go by SMS, when the customer gave a number
 * @param deliveredAt     when the last parcel arrived, or the order was collected
 * @param lateFlaggedAt   when the deadline watch found it late (and told the customer of their right to cancel)
 * @param lateCancelledAt when the customer cancelled it for late delivery
 * @param refundDueBy     the date the late-delivery refund is due by (14 days after the cancellation)
 */
public record OrderFulfilment(OrderNumber number, String email, Locale locale, String customerName, boolean clickAndCollect,
                              String pickupPoint, Instant paidAt, LocalDate promisedDate, String trackingToken,
                              String smsPhone, Instant pickupReadyAt, Instant deliveredAt, Instant lateFlaggedAt,
                              Instant lateCancelledAt, LocalDate refundDueBy, Instant cancelledAt, List<Line> lines,
                              List<Shipment> shipments) {

    /** @param position the order line's position, from 1 */
    public record Line(int position, String sku, String title, int quantity, int shipped) {

        public int remaining() {
            return quantity - shipped;
        }
    }

    public boolean fullyShipped() {
        return lines.stream().allMatch(line -> line.remaining() == 0);
    }

    public boolean delivered() {
        return deliveredAt != null;
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** Past its promised date, neither delivered nor cancelled. */
    public boolean lateOn(LocalDate today) {
        return !delivered() && !cancelled() && today.isAfter(promisedDate);
    }

    public boolean readyForPickup() {
        return pickupReadyAt != null;
    }

    public int unitsToShip() {
        return lines.stream().mapToInt(Line::remaining).sum();
    }
}
