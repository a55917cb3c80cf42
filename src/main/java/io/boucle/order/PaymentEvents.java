package io.boucle.order;

import io.boucle.payment.PaymentCaptured;
import io.boucle.payment.PaymentFailed;
import io.boucle.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What payments tell orders, after their commit: a capture pays the order (once, however often it
 * is told), a failure is noted. References that are not order numbers belong to someone else.
 */
@Component
class PaymentEvents {

    private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);

    private final Orders orders;

    PaymentEvents(Orders orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener
    void on(PaymentCaptured event) {
        orderNumber(event.reference()).ifPresent(number -> orders.settlePayment(number, event.paymentId().toString()));
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        orderNumber(event.reference()).ifPresent(number -> orders.paymentFailed(number, event.declineCode(), event.at()));
    }

    private static java.util.Optional<OrderNumber> orderNumber(String reference) {
        try {
            return java.util.Optional.of(new OrderNumber(reference));
        } catch (NotFound e) {
            log.debug("Payment for {} is not an order's", reference);
            return java.util.Optional.empty();
        }
    }
}
