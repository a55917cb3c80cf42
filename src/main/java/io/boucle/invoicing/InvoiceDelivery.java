package io.boucle.invoicing;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * What happens once a document is issued: its Factur-X is made and stored at once, outside any
 * transaction, so it is ready when first asked for.
 */
@Component
class InvoiceDelivery {

    private final InvoiceFiles files;

    InvoiceDelivery(InvoiceFiles files) {
        this.files = files;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(InvoiceIssued event) {
        files.of(event.number());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(CreditNoteIssued event) {
        files.of(event.number());
    }
}
