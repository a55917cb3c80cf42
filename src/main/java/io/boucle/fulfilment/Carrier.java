package io.boucle.fulfilment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A carrier, as data (table {@code fulfilment.carrier}).
 *
 * @param trackingUrlPattern its public tracking page, {@code {tracking}} standing for the tracking number
 */
public record Carrier(String code, String name, String trackingUrlPattern) {

    /** The carrier's public tracking page for this parcel. */
    public String trackingUrl(String trackingNumber) {
        return trackingUrlPattern.replace("{tracking}", URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8));
    }
}
