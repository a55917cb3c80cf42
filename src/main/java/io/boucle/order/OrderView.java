package io.boucle.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * An order as its buyer and the staff see it.
 *
 * @param accessToken what lets a guest see the order; only given to whoever may see it
 * @param currency    the currency the order is charged in: every amount of it is in this currency
 * @param exchangeRate for an order in another currency than the euro, the reference rate its euro figures were
 *                    converted at when it was placed; null for an order in euros
 */
public record OrderView(OrderNumber number, OrderStatus status, String email, Locale locale, String currency,
                        NewOrder.Address shipping, NewOrder.Address billing, NewOrder.Company company,
                        NewOrder.DeliveryChoice delivery, List<NewOrder.Line> lines, NewOrder.Totals totals,
                        List<String> promotions, String paymentMethod, Instant placedAt, Instant paidAt,
                        Instant paymentDeadline, Instant cancelledAt, String cancelReason, String accessToken,
                        List<TimelineEntry> timeline, io.boucle.shared.ExchangeRate exchangeRate) {

    public record TimelineEntry(Instant at, String kind, String detail) {
    }

    /** Without a delivery date the goods are due within 30 days (Code de la consommation L216-1). */
    public LocalDate latestDelivery() {
        return delivery.latest();
    }

    public boolean awaitingPayment() {
        return status == OrderStatus.AWAITING_PAYMENT;
    }
}
