package io.boucle.checkout;

import io.boucle.order.OrderView;
import io.boucle.payment.PaymentView;

/** The order placed and where its payment stands (captured, failed, or waiting for the shopper). */
public record CheckoutResult(OrderView order, PaymentView payment) {
}
