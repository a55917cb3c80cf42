package io.boucle.community;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.boucle.catalog.Catalog;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderPaid;
import io.boucle.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts the products of each paid order as bought together, for the product pages' "bought
 * together". An order counts once however often its event is delivered: the order's number is
 * kept in the same transaction as the counts.
 */
@Component
class CoPurchases {

    private static final Logger log = LoggerFactory.getLogger(CoPurchases.class);

    private final Orders orders;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final Clock clock;

    CoPurchases(Orders orders, Catalog catalog, JdbcClient jdbc, Clock clock) {
        this.orders = orders;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(OrderPaid event) {
        record(event.number());
    }

    /** Counts the order's products as bought together, unless this order was counted already. */
    @Transactional
    void record(OrderNumber number) {
        boolean first = jdbc.sql("""
                        INSERT INTO community.co_purchase_order (order_number, recorded_at) VALUES (:number, :now)
                        ON CONFLICT (order_number) DO NOTHING
                        """)
                .param("number", number.value()).param("now", Timestamp.from(Instant.now(clock)))
                .update() == 1;
        if (!first) {
            log.debug("Order {} already counted in the co-purchases", number);
            return;
        }
        orders.find(number).ifPresent(order -> catalog.recordBoughtTogether(
                order.lines().stream().map(NewOrder.Line::productSlug).distinct().toList()));
    }
}
