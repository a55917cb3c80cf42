package io.boucle.order;

import java.time.Instant;

public record OrderCancelled(OrderNumber number, String reason, boolean refunded, Instant cancelledAt) {
}
