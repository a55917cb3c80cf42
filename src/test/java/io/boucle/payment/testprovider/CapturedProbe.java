package io.boucle.payment.testprovider;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.boucle.payment.PaymentCaptured;
import io.boucle.payment.PaymentView;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Counts captures as another module receives them: after commit, through the event publication registry. */
@Component
class CapturedProbe {

    static final Queue<PaymentCaptured> RECEIVED = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(PaymentCaptured event) {
        RECEIVED.add(event);
    }

    static long count(PaymentView payment) {
        return RECEIVED.stream().filter(e -> e.paymentId().equals(payment.id())).count();
    }
}
