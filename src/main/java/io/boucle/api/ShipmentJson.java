package io.boucle.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.boucle.fulfilment.OrderFulfilment;
import io.boucle.fulfilment.Shipment;

/** Parcels as the API shows them, to the staff and to the buyer. */
record ShipmentJson(String id, String orderNumber, Carrier carrier, String trackingNumber, String trackingUrl, String status,
                    Instant shippedAt, Instant deliveredAt, List<Line> lines, List<Event> history) {

    record Carrier(String code, String name) {
    }

    record Line(int position, String sku, String title, int quantity) {
    }

    record Event(Instant at, String status, String source, String detail) {
    }

    static ShipmentJson of(Shipment shipment) {
        return new ShipmentJson(shipment.id().toString(), shipment.orderNumber().value(),
                new Carrier(shipment.carrier().code(), shipment.carrier().name()), shipment.trackingNumber(),
                shipment.trackingUrl(), shipment.status().name(), shipment.shippedAt(), shipment.deliveredAt(),
                shipment.lines().stream().map(line -> new Line(line.position(), line.sku(), line.title(), line.quantity())).toList(),
                shipment.history().stream().map(event -> new Event(event.at(), event.status().name(), event.source(), event.detail()))
                        .toList());
    }

    /** Where a paid order's delivery stands. */
    record Fulfilment(String orderNumber, LocalDate promisedDate, boolean late, boolean clickAndCollect, boolean readyForPickup,
                      Instant deliveredAt, Instant lateCancelledAt, LocalDate refundDueBy, List<LineProgress> lines,
                      List<ShipmentJson> shipments) {
    }

    record LineProgress(int position, String sku, String title, int quantity, int shipped) {
    }

    static Fulfilment of(OrderFulfilment order, LocalDate today) {
        return new Fulfilment(order.number().value(), order.promisedDate(), order.lateOn(today), order.clickAndCollect(),
                order.readyForPickup(), order.deliveredAt(), order.lateCancelledAt(), order.refundDueBy(),
                order.lines().stream().map(line -> new LineProgress(line.position(), line.sku(), line.title(), line.quantity(),
                        line.shipped())).toList(),
                order.shipments().stream().map(ShipmentJson::of).toList());
    }
}
