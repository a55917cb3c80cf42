package io.boucle.fulfilment;

import io.boucle.order.OrderCancelled;
import io.boucle.order.OrderPaid;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** What orders tell fulfilment, after their commit: a paid order is to ship, a cancelled one no longer. Idempotent. */
@Component
class FulfilmentEvents {

    private final Fulfilment fulfilment;

    FulfilmentEvents(Fulfilment fulfilment) {
        this.fulfilment = fulfilment;
    }

    @ApplicationModuleListener
    void on(OrderPaid event) {
        fulfilment.open(event.number());
    }

    @ApplicationModuleListener
    void on(OrderCancelled event) {
        fulfilment.cancelled(event.number(), event.cancelledAt());
    }
}
