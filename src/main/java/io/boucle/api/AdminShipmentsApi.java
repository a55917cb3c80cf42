package io.boucle.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.boucle.fulfilment.Fulfilment;
import io.boucle.fulfilment.OrderFulfilment;
import io.boucle.fulfilment.ShipmentStatus;
import io.boucle.order.OrderNumber;
import io.boucle.shared.InvalidField;
import io.boucle.shared.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipping for warehouse tools (staff API token): an order's parcels, a parcel shipped (part or all
 * of the order, never more than ordered), its status, click & collect. Every staff role reads;
 * owners and managers act.
 */
@RestController
@SecurityRequirement(name = OpenApiDescription.STAFF_TOKEN)
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
class AdminShipmentsApi {

    /** @param position the order line's position from 1, or else its {@code sku} */
    record LineRequest(Integer position, String sku, Integer quantity) {
    }

    /** @param lines what the parcel holds; none ships everything left */
    record ShipRequest(List<LineRequest> lines, String carrier, String trackingNumber) {
    }

    record StatusRequest(String status, Instant at, String detail) {
    }

    record DeliveredRequest(Instant deliveredAt) {
    }

    record PickupRequest(String code) {
    }

    private final Fulfilment fulfilment;

    AdminShipmentsApi(Fulfilment fulfilment) {
        this.fulfilment = fulfilment;
    }

    @GetMapping("/api/v1/admin/orders/{number}/shipments")
    @Operation(summary = "Where a paid order's delivery stands: promised date, lines shipped, parcels and their history")
    ShipmentJson.Fulfilment get(@PathVariable String number) {
        return ShipmentJson.of(find(number), fulfilment.today());
    }

    @PostMapping("/api/v1/admin/orders/{number}/shipments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "Ship a parcel: its lines (position or sku, and quantity; none ships all that is left), carrier "
            + "code and tracking number. 400 when a quantity is more than what is left to ship")
    ShipmentJson ship(@PathVariable String number, @RequestBody ShipRequest request) {
        OrderFulfilment order = find(number);
        Map<Integer, Integer> quantities = new LinkedHashMap<>();
        if (request.lines() != null) {
            for (LineRequest line : request.lines()) {
                if (line == null || line.quantity() == null) {
                    throw new InvalidField("lines", "each line needs a quantity");
                }
                int position = line.position() != null ? line.position() : order.lines().stream()
                        .filter(l -> l.sku().equals(line.sku())).map(OrderFulfilment.Line::position).findFirst()
                        .orElseThrow(() -> new InvalidField("lines", "the order has no line with the SKU " + line.sku()));
                quantities.merge(position, line.quantity(), Integer::sum);
            }
        }
        return ShipmentJson.of(fulfilment.ship(order.number(), request.carrier(), request.trackingNumber(), quantities));
    }

    @PostMapping("/api/v1/admin/shipments/{id}/status")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "Set a parcel's status by hand: SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED or EXCEPTION")
    ShipmentJson status(@PathVariable String id, @RequestBody StatusRequest request) {
        ShipmentStatus status;
        try {
            status = ShipmentStatus.valueOf(request.status() == null ? "" : request.status().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidField("status", "one of " + java.util.Arrays.toString(ShipmentStatus.values()));
        }
        return ShipmentJson.of(fulfilment.updateStatus(shipmentId(id), status, request.at(), request.detail()));
    }

    @PostMapping("/api/v1/admin/shipments/{id}/delivered")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "The parcel was delivered (now, or at deliveredAt); the last one delivers the order and starts "
            + "the withdrawal period")
    ShipmentJson delivered(@PathVariable String id, @RequestBody(required = false) DeliveredRequest request) {
        return ShipmentJson.of(fulfilment.updateStatus(shipmentId(id), ShipmentStatus.DELIVERED,
                request == null ? null : request.deliveredAt(), null));
    }

    @PostMapping("/api/v1/admin/orders/{number}/ready-for-pickup")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "A click & collect order is ready: a pickup code is sent to the customer")
    ShipmentJson.Fulfilment ready(@PathVariable String number) {
        OrderFulfilment order = find(number);
        fulfilment.readyForPickup(order.number());
        return ShipmentJson.of(find(number), fulfilment.today());
    }

    @PostMapping("/api/v1/admin/orders/{number}/pickup")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
    @Operation(summary = "Hand over a click & collect order against its pickup code; 400 and nothing changed when the code is wrong")
    ShipmentJson.Fulfilment collect(@PathVariable String number, @RequestBody PickupRequest request) {
        OrderFulfilment order = find(number);
        return ShipmentJson.of(fulfilment.collect(order.number(), request.code()), fulfilment.today());
    }

    private OrderFulfilment find(String number) {
        return fulfilment.forOrder(new OrderNumber(number)).orElseThrow(() -> new NotFound("no paid order " + number));
    }

    private static UUID shipmentId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no shipment " + id);
        }
    }
}
