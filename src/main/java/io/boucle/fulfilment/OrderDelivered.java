package io.boucle.fulfilment;

import java.time.Instant;

import io.boucle.order.OrderNumber;

/**
 * Every parcel of an order has reached the customer, or the customer has collected it in store.
 * {@code deliveredAt} is when the last of them arrived: the withdrawal period starts from it.
 */
public record OrderDelivered(OrderNumber number, Instant deliveredAt) {
}
