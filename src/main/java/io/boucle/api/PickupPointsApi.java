package io.boucle.api;

import java.util.List;

import io.boucle.fulfilment.Delivery;
import io.boucle.fulfilment.PickupPoint;
import io.boucle.shared.CountryCode;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Where a shopper can collect a parcel: relay points for a relay method, the shop's stores for click & collect. */
@RestController
@RequestMapping("/api/v1/pickup-points")
class PickupPointsApi {

    private static final java.util.regex.Pattern POSTAL_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9 -]{1,10}");

    record PickupPointView(String id, String name, String line1, String postalCode, String city, String country,
            String openingHours) {

        static PickupPointView of(PickupPoint point) {
            return new PickupPointView(point.id(), point.name(), point.line1(), point.postalCode(), point.city(),
                    point.country().value(), point.openingHours());
        }
    }

    private final Delivery delivery;

    PickupPointsApi(Delivery delivery) {
        this.delivery = delivery;
    }

    @GetMapping
    @Operation(summary = "Pickup points of a delivery method near a postal code, nearest first; none for methods "
            + "delivering at home")
    List<PickupPointView> near(@RequestParam String method, @RequestParam String country,
            @RequestParam(defaultValue = "") String postalCode, @RequestParam(defaultValue = "10") int limit) {
        if (!CountryCode.isValid(country)) {
            throw new IllegalArgumentException("country: an ISO 3166-1 alpha-2 code such as FR");
        }
        if (!postalCode.isEmpty() && !POSTAL_CODE.matcher(postalCode).matches()) {
            throw new IllegalArgumentException("postalCode: up to 10 letters, digits, spaces or hyphens");
        }
        if (limit < 1 || limit > Delivery.MAX_PICKUP_POINTS) {
            throw new IllegalArgumentException("limit: between 1 and " + Delivery.MAX_PICKUP_POINTS);
        }
        if (delivery.method(method).isEmpty()) {
            throw new IllegalArgumentException("method: no delivery method has the code '" + method + "'");
        }
        return delivery.pickupPoints(method, CountryCode.of(country), postalCode, limit).stream()
                .map(PickupPointView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One pickup point of a delivery method")
    PickupPointView one(@PathVariable String id, @RequestParam String method) {
        return delivery.pickupPoint(method, id).map(PickupPointView::of).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "The method '" + method + "' has no pickup point '" + id + "'."));
    }
}
