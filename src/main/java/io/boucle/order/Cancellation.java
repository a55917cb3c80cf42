package io.boucle.order;

import java.util.List;

import io.boucle.payment.Refund;
import io.boucle.shared.Money;

/**
 * What a cancellation did.
 *
 * @param cancelledNow false when the order was already cancelled and only its refund was tried again
 * @param refunds      the refunds asked for by this call, whatever became of them
 * @param refundDue    what was paid and is still not refunded (a refund failed): zero when all is settled
 */
public record Cancellation(OrderView order, boolean cancelledNow, List<Refund> refunds, Money refundDue) {

    /** Whether some money could not be refunded: the staff must know, and may try again. */
    public boolean refundFailed() {
        return refundDue.isPositive();
    }
}
