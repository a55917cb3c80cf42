package io.boucle.fulfilment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.boucle.order.OrderNumber;

/** A parcel of an order: which lines and quantities, its carrier and tracking number, and its history. */
public record Shipment(UUID id, OrderNumber orderNumber, Carrier carrier, String trackingNumber, ShipmentStatus status,
                       Instant shippedAt, Instant deliveredAt, List<Line> lines, List<Event> history) {

    /** @param position the order line's position, from 1 */
    public record Line(int position, String sku, String title, int quantity) {
    }

    /** @param source {@code STAFF} (by hand) or {@code CARRIER} (its webhook) */
    public record Event(Instant at, ShipmentStatus status, String source, String detail) {
    }

    public String trackingUrl() {
        return carrier.trackingUrl(trackingNumber);
    }

    public boolean delivered() {
        return status == ShipmentStatus.DELIVERED;
    }
}
