package io.boucle.returns;

import io.boucle.order.OrderAcknowledged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps that the withdrawal information was given with the order's acknowledgment (L221-20). */
@Component
class AcknowledgmentListener {

    private final Returns returns;

    AcknowledgmentListener(Returns returns) {
        this.returns = returns;
    }

    @ApplicationModuleListener
    void on(OrderAcknowledged event) {
        returns.recordAcknowledgment(event.number(), event.placedAt(), event.sentAt());
    }
}
