package io.boucle.order;

import java.time.Instant;
import java.util.List;

import io.boucle.payment.PaymentView;
import io.boucle.payment.Refund;
import io.boucle.shared.Money;

/**
 * An order as the staff see it: with every payment attempt, every refund, the emails sent about it
 * and one timeline of all that happened to it.
 *
 * @param payments    every attempt, oldest first
 * @param refunds     every refund asked for, whatever became of it, oldest first
 * @param emails      the messages of the message log that name the order, oldest first
 * @param timeline    what happened, oldest first
 * @param refundDue   on a cancelled order, what was paid and is still not refunded (a refund failed); else zero
 * @param cancellable whether the shop may still cancel it (nothing has left the warehouse)
 */
public record OrderDetail(OrderView order, List<PaymentView> payments, List<Refund> refunds, List<Email> emails,
                          List<Event> timeline, Money refundDue, boolean cancellable) {

    /** A message about the order, from the message log. */
    public record Email(String id, Instant at, String template, String subject, String recipient, String status,
                        Instant sentAt) {
    }

    /**
     * One thing that happened.
     *
     * @param kind   {@code PLACED}, {@code PAYMENT} (an attempt), {@code PAID}, {@code EMAIL}, {@code CANCELLED},
     *               {@code PAYMENT_AFTER_CANCELLATION}, {@code REFUND}, or another step of the order's life
     * @param status the outcome of a payment attempt ({@code CAPTURED}, {@code FAILED}, ...), of a refund
     *               ({@code SUCCEEDED}, {@code FAILED}, {@code PENDING}) or of an email ({@code SENT}, ...); else null
     * @param amount what was placed, paid or refunded; else null
     * @param detail for people: the card or means of payment, a cancellation's reason, an email's subject
     * @param code   for machines: a decline code, a refund's failure, an email's template, a payment's id
     */
    public record Event(Instant at, String kind, String status, Money amount, String detail, String code) {
    }

    /** Whether a refund failed and can be tried again (by cancelling again). */
    public boolean refundToRetry() {
        return refundDue.isPositive();
    }
}
