package io.boucle.fulfilment;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a product page promises: delivery by {@code quote}'s method between its earliest and latest
 * dates, for an order placed before {@code orderBefore} (the method's cut-off on the day the
 * warehouse would start on it).
 */
public record DeliveryPromise(DeliveryQuote quote, Instant orderBefore) {

    /** Where the cut-off times and the dates are reckoned. */
    public static final ZoneId ZONE = DeliveryDates.PARIS;
}
