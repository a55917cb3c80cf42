package io.boucle.returns;

import io.boucle.fulfilment.OrderDelivered;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Keeps the date the goods were received, which fulfilment announces: the withdrawal period runs from it. */
@Component
class ReceiptListener {

    private final Returns returns;

    ReceiptListener(Returns returns) {
        this.returns = returns;
    }

    @ApplicationModuleListener
    void on(OrderDelivered event) {
        returns.recordDelivery(event.number(), event.deliveredAt());
    }
}
