package io.boucle.api;

import java.time.Instant;
import java.util.Map;

import io.boucle.fulfilment.CarrierWebhook;
import io.boucle.fulfilment.Fulfilment;
import io.boucle.fulfilment.ShipmentStatus;
import io.boucle.platform.web.ProblemResponses;
import io.boucle.shared.InvalidField;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carriers' status notifications. Authenticated by {@code X-Boucle-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of the raw body with the shared secret (no login, no CSRF token): a bad signature is a
 * 401 and changes nothing. A notification sent again (same {@code eventId}) changes nothing either.
 */
@RestController
class CarrierEventsApi {

    /** @param status SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED or EXCEPTION */
    record CarrierEventJson(String eventId, String trackingNumber, String status, Instant occurredAt, String detail) {
    }

    private final CarrierWebhook webhook;
    private final Fulfilment fulfilment;
    private final JsonMapper json;

    CarrierEventsApi(CarrierWebhook webhook, Fulfilment fulfilment, JsonMapper json) {
        this.webhook = webhook;
        this.fulfilment = fulfilment;
        this.json = json;
    }

    @PostMapping("/api/v1/carriers/{code}/events")
    @Operation(summary = "A carrier's status event for one of its parcels: {eventId, trackingNumber, status, occurredAt, "
            + "detail?}, signed in X-Boucle-Signature. 401 on a bad signature; a replayed eventId changes nothing")
    ResponseEntity<?> receive(@PathVariable String code, @RequestBody(required = false) String body,
            @RequestHeader(name = CarrierWebhook.HEADER, required = false) String signature, HttpServletRequest request) {
        if (!webhook.verifies(body, signature)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "The " + CarrierWebhook.HEADER
                            + " header must be sha256=<hex> of the HMAC-SHA256 of the body with the shared secret.",
                            request.getRequestURI()));
        }
        if (fulfilment.carriers().stream().noneMatch(carrier -> carrier.code().equals(code))) {
            throw new io.boucle.shared.NotFound("no carrier " + code);
        }
        CarrierEventJson event;
        try {
            event = json.readValue(body, CarrierEventJson.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not a carrier event: {eventId, trackingNumber, status, occurredAt, detail?}");
        }
        ShipmentStatus status;
        try {
            status = ShipmentStatus.valueOf(event.status() == null ? "" : event.status().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidField("status", "one of " + java.util.Arrays.toString(ShipmentStatus.values()));
        }
        boolean recorded = fulfilment.carrierEvent(code, new Fulfilment.CarrierEvent(event.eventId(), event.trackingNumber(),
                status, event.occurredAt(), event.detail()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("recorded", recorded));
    }
}
