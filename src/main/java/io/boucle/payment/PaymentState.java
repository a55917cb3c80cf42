package io.boucle.payment;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.boucle.shared.Money;

import static io.boucle.payment.PaymentStatus.CANCELLED;
import static io.boucle.payment.PaymentStatus.CAPTURED;
import static io.boucle.payment.PaymentStatus.FAILED;
import static io.boucle.payment.PaymentStatus.PARTIALLY_REFUNDED;
import static io.boucle.payment.PaymentStatus.PROCESSING;
import static io.boucle.payment.PaymentStatus.REFUNDED;
import static io.boucle.payment.PaymentStatus.REQUIRES_ACTION;

/**
 * The payment state machine. Every status change in the database is a compare-and-set from the
 * statuses this table allows, so two reports racing (a redirect and a notification) move a payment once.
 */
final class PaymentState {

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = new EnumMap<>(PaymentStatus.class);

    static {
        NEXT.put(PROCESSING, EnumSet.of(REQUIRES_ACTION, CAPTURED, FAILED, CANCELLED));
        NEXT.put(REQUIRES_ACTION, EnumSet.of(CAPTURED, FAILED, CANCELLED));
        NEXT.put(CAPTURED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED));
        NEXT.put(PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED));
        NEXT.put(FAILED, EnumSet.noneOf(PaymentStatus.class));
        NEXT.put(CANCELLED, EnumSet.noneOf(PaymentStatus.class));
        NEXT.put(REFUNDED, EnumSet.noneOf(PaymentStatus.class));
    }

    private PaymentState() {
    }

    static boolean allows(PaymentStatus from, PaymentStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** @throws IllegalStateException when the state machine has no such transition */
    static void check(PaymentStatus from, PaymentStatus to) {
        if (!allows(from, to)) {
            throw new IllegalStateException("a " + from + " payment cannot become " + to);
        }
    }

    /** The statuses a payment may move to {@code to} from. */
    static Set<PaymentStatus> sourcesOf(PaymentStatus to) {
        Set<PaymentStatus> sources = EnumSet.noneOf(PaymentStatus.class);
        NEXT.forEach((from, targets) -> {
            if (targets.contains(to)) {
                sources.add(from);
            }
        });
        return sources;
    }

    /** The status once {@code refundedTotal} of a captured {@code amount} has been given back. */
    static PaymentStatus afterRefunds(Money amount, Money refundedTotal) {
        if (!refundedTotal.isPositive()) {
            throw new IllegalArgumentException("nothing was refunded");
        }
        if (refundedTotal.isGreaterThan(amount)) {
            throw new IllegalArgumentException("refunds of " + refundedTotal + " exceed the captured " + amount);
        }
        return refundedTotal.compareTo(amount) == 0 ? REFUNDED : PARTIALLY_REFUNDED;
    }
}
