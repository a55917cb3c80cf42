package io.boucle.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.tax.VatAssessment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings an order's invoicing up to date with the order: a paid order has its invoice; a paid order
 * cancelled, or refunded in full, has a credit note for what its invoice has not credited yet. Every
 * step is idempotent, so it runs as often as it is told (redelivered events, the job, concurrent
 * listeners), in one short transaction of its own.
 *
 * <p>When the invoice cannot be issued (merchant settings never confirmed, or order data the invoicing
 * rules refuse), the order is recorded as owed an invoice, with the reason, and tried again by a job
 * ({@link InvoicingJobs}); the event that asked is done with, so it is not redelivered for ever. An
 * order paid then cancelled before its invoice could be issued gets both, invoice then credit note,
 * so the series show what happened.
 */
@Component
class OrderInvoicer {

    private static final Logger log = LoggerFactory.getLogger(OrderInvoicer.class);

    private final Orders orders;
    private final Invoicing invoicing;
    private final OwedInvoices owed;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OrderInvoicer(Orders orders, Invoicing invoicing, OwedInvoices owed, PlatformTransactionManager transactions,
            Clock clock) {
        this.orders = orders;
        this.invoicing = invoicing;
        this.owed = owed;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Issues what the order is owed.
     *
     * @param refundedInFull the reason of a refund of the whole order outside a cancellation, which
     *                       the credit note states; empty otherwise
     * @return false when the invoice could not be issued and the order was recorded as owed one
     */
    boolean settle(OrderNumber number, Optional<String> refundedInFull) {
        try {
            transaction.executeWithoutResult(status -> settleInTransaction(number, refundedInFull));
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            int attempts = transaction.execute(status -> owed.record(number.value(), e.getMessage(), Instant.now(clock)));
            log.warn("Order {} is owed an invoice that cannot be issued yet (attempt {}): {}", number, attempts,
                    e.getMessage());
            return false;
        }
    }

    /** Tries again the owed invoices now due; returns how many were tried. */
    int settleOwed(int limit) {
        var due = owed.due(Instant.now(clock), limit);
        for (String reference : due) {
            OrderNumber number;
            try {
                number = new OrderNumber(reference);
            } catch (RuntimeException e) {
                transaction.executeWithoutResult(status -> owed.settled(reference));
                continue;
            }
            settle(number, Optional.empty());
        }
        return due.size();
    }

    private void settleInTransaction(OrderNumber number, Optional<String> refundedInFull) {
        Optional<OrderView> found = orders.find(number);
        if (found.isEmpty() || found.get().paidAt() == null) {
            // Never paid: nothing was sold, nothing is owed.
            owed.settled(number.value());
            return;
        }
        OrderView order = found.get();
        VatAssessment vat = orders.vatAssessment(number).orElseThrow(() -> new IllegalStateException(
                "the order was placed before orders kept their VAT assessment: invoice it by hand"));
        invoicing.issueInvoice(OrderInvoices.request(order, vat, orders.exchange(number)));
        if (order.status() == OrderStatus.CANCELLED) {
            invoicing.creditRemainder(number.value(), "Annulation de la commande"
                    + (order.cancelReason() == null ? "" : " : " + order.cancelReason()));
        } else {
            refundedInFull.ifPresent(reason -> invoicing.creditRemainder(number.value(), reason));
        }
        owed.settled(number.value());
    }
}
