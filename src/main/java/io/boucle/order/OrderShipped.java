package io.boucle.order;

import java.time.Instant;

/**
 * The goods of a paid order have left the shop: its first parcel was shipped, or, for an order handed
 * over without a parcel (click &amp; collect), it was collected. Published once per order, when its status
 * first moves past paid to shipped or delivered.
 */
public record OrderShipped(OrderNumber number, Instant shippedAt) {
}
