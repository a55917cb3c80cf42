package io.boucle.order;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** What returns tell orders, after their commit: units returned and refunded change the order's status. */
@Component
class ReturnEvents {

    private final Orders orders;

    ReturnEvents(Orders orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener
    void on(OrderUnitsReturned event) {
        orders.recordReturned(event.number(), event.units(), event.at());
    }
}
