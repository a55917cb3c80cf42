package io.boucle.customer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Simple rule-based customer segments; a customer can be in several at once.
 * <ul>
 * <li>{@link #NEW}: account opened in the last 30 days, or a first paid order in the last 30 days</li>
 * <li>{@link #REPEAT}: two paid orders or more</li>
 * <li>{@link #VIP}: {@value #VIP_SPEND_EUROS} € incl. VAT or more spent over all paid orders</li>
 * <li>{@link #INACTIVE}: no order for 180 days (or never), and the account is older than that</li>
 * <li>{@link #MARKETING}: agrees, now, to receive marketing emails</li>
 * </ul>
 */
public enum Segment {
    NEW, REPEAT, VIP, INACTIVE, MARKETING;

    public static final int VIP_SPEND_EUROS = 500;
    static final Duration RECENT = Duration.ofDays(30);
    static final Duration DORMANT = Duration.ofDays(180);

    public static Set<Segment> of(Customer customer, PurchaseHistory history, Instant now) {
        Set<Segment> segments = EnumSet.noneOf(Segment.class);
        boolean recentAccount = customer.createdAt().isAfter(now.minus(RECENT));
        boolean recentFirstOrder = history.paidOrders() == 1 && history.lastOrderAt() != null
                && history.lastOrderAt().isAfter(now.minus(RECENT));
        if (recentAccount || recentFirstOrder) {
            segments.add(NEW);
        }
        if (history.paidOrders() >= 2) {
            segments.add(REPEAT);
        }
        if (history.spentEuros().compareTo(BigDecimal.valueOf(VIP_SPEND_EUROS)) >= 0) {
            segments.add(VIP);
        }
        boolean noRecentOrder = history.lastOrderAt() == null || history.lastOrderAt().isBefore(now.minus(DORMANT));
        if (noRecentOrder && customer.createdAt().isBefore(now.minus(DORMANT))) {
            segments.add(INACTIVE);
        }
        if (customer.marketingEmails()) {
            segments.add(MARKETING);
        }
        return segments;
    }
}
