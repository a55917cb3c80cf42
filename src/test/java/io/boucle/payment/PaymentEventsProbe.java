package io.boucle.payment;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Listens to payment events as the order module will (after commit, through the event publication
 * registry) and keeps what it received.
 */
@Component
class PaymentEventsProbe {

    static final Queue<Object> RECEIVED = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(PaymentCaptured event) {
        RECEIVED.add(event);
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        RECEIVED.add(event);
    }

    @ApplicationModuleListener
    void on(PaymentRefunded event) {
        RECEIVED.add(event);
    }

    static long captured(PaymentId id) {
        return RECEIVED.stream().filter(e -> e instanceof PaymentCaptured c && c.paymentId().equals(id)).count();
    }

    static long failed(PaymentId id) {
        return RECEIVED.stream().filter(e -> e instanceof PaymentFailed f && f.paymentId().equals(id)).count();
    }

    static java.util.List<PaymentFailed> failures(PaymentId id) {
        return RECEIVED.stream().filter(e -> e instanceof PaymentFailed f && f.paymentId().equals(id))
                .map(PaymentFailed.class::cast).toList();
    }

    static long refunded(PaymentId id) {
        return RECEIVED.stream().filter(e -> e instanceof PaymentRefunded r && r.paymentId().equals(id)).count();
    }
}
