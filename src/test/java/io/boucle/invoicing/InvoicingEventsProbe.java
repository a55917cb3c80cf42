package io.boucle.invoicing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Listens to invoicing's events the way another module will (asynchronously, after the issuing
 * transaction commits, through the event publication registry) and records what it received.
 */
@Component
class InvoicingEventsProbe {

    static final Queue<Object> RECEIVED = new ConcurrentLinkedQueue<>();

    @ApplicationModuleListener
    void on(InvoiceIssued event) {
        RECEIVED.add(event);
    }

    @ApplicationModuleListener
    void on(CreditNoteIssued event) {
        RECEIVED.add(event);
    }

    static boolean receivedInvoiceFor(String orderReference) {
        return RECEIVED.stream().anyMatch(event -> event instanceof InvoiceIssued issued
                && issued.orderReference().equals(orderReference));
    }

    static boolean receivedCreditNoteFor(String orderReference) {
        return RECEIVED.stream().anyMatch(event -> event instanceof CreditNoteIssued issued
                && issued.orderReference().equals(orderReference));
    }
}
