package io.boucle.fulfilment;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Listens to OrderDelivered as the returns module does (after commit, through the registry) and records it. */
@Component
class FulfilmentEventsProbe {

    static final Queue<OrderDelivered> RECEIVED = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(OrderDelivered event) {
        RECEIVED.add(event);
    }

    static java.util.List<OrderDelivered> receivedFor(String number) {
        return RECEIVED.stream().filter(event -> event.number().value().equals(number)).toList();
    }
}
