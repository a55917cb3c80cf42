package io.boucle.invoicing;

import java.util.Optional;

import io.boucle.order.OrderCancelled;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderPaid;
import io.boucle.order.OrderShipped;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentRefunded;
import io.boucle.shared.NotFound;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * What orders and payments tell invoicing, after their commit: an order paid is invoiced, or, when the
 * merchant chose {@link InvoiceWhen#SHIPPED}, an order shipped; a paid order cancelled, or refunded in full,
 * is credited. Each listener runs outside any transaction and lets
 * {@link OrderInvoicer} open its own short one, so a refusal of the invoicing rules can be recorded
 * rather than rolled back. Events are stored until their listener completes and delivered again after a
 * crash, so an invoice owed at shipment is not lost either.
 */
@Component
class OrderInvoicingEvents {

    private final OrderInvoicer invoicer;
    private final Orders orders;
    private final MerchantSettingsStore settings;

    OrderInvoicingEvents(OrderInvoicer invoicer, Orders orders, MerchantSettingsStore settings) {
        this.invoicer = invoicer;
        this.orders = orders;
        this.settings = settings;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPaid event) {
        if (settings.invoiceWhen() == InvoiceWhen.PAID) {
            invoicer.settle(event.number(), Optional.empty());
        }
    }

    /**
     * Whatever the setting is now: an order paid while invoices waited for shipment is invoiced, and one
     * invoiced when paid is not invoiced again ({@link OrderInvoicer} is idempotent).
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderShipped event) {
        invoicer.settle(event.number(), Optional.empty());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        invoicer.settle(event.number(), Optional.empty());
    }

    /**
     * A refund of a whole order that is not cancelled (a cancellation's refunds are credited by its own
     * event, with its reason). A partial refund says nothing of which lines it is for: the credit note is
     * then issued by whoever knows them (a return), not here.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentRefunded event) {
        OrderNumber number;
        try {
            number = new OrderNumber(event.reference());
        } catch (NotFound e) {
            return;
        }
        Optional<OrderView> order = orders.find(number);
        if (order.isEmpty() || order.get().paidAt() == null) {
            return;
        }
        if (order.get().status() == OrderStatus.CANCELLED) {
            invoicer.settle(number, Optional.empty());
        } else if (event.refundedTotal().compareTo(order.get().totals().total()) >= 0) {
            invoicer.settle(number, Optional.of("Remboursement intégral de la commande"));
        }
    }
}
