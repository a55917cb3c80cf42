package io.boucle.customer;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Listens to the customer module's events as another module will, and records them. */
@Component
class CustomerEventsProbe {

    static final Queue<Object> RECEIVED = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(CustomerSignedUp event) {
        RECEIVED.add(event);
    }
}
