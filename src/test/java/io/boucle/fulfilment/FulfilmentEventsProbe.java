package io.boucle.fulfilment;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Listens to OrderDelivered as the returns module does (after commit, through the registry) and records it; and LateRefundOverdue. */
@Component
class FulfilmentEventsProbe {

    static final Queue<OrderDelivered> RECEIVED = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(OrderDelivered event) {
        RECEIVED.add(event);
    }

    static final Queue<LateRefundOverdue> OVERDUE = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(LateRefundOverdue event) {
        OVERDUE.add(event);
    }

    static java.util.List<LateRefundOverdue> overdueFor(String number) {
        return OVERDUE.stream().filter(event -> event.number().value().equals(number)).toList();
    }

    static java.util.List<OrderDelivered> receivedFor(String number) {
        return RECEIVED.stream().filter(event -> event.number().value().equals(number)).toList();
    }
}
