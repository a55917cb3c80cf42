package io.boucle.buyback;

import java.util.Map;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.SellableVariant;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderPaid;
import io.boucle.order.Orders;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Counts the items of each paid order in their category: the demand that adjusts the price suggested
 * for a relisted item. Each order line counts once however often the event is delivered.
 */
@Component
class CategoryDemand {

    private final Orders orders;
    private final Catalog catalog;
    private final BuyBacks buyBacks;

    CategoryDemand(Orders orders, Catalog catalog, BuyBacks buyBacks) {
        this.orders = orders;
        this.catalog = catalog;
        this.buyBacks = buyBacks;
    }

    @ApplicationModuleListener
    void on(OrderPaid event) {
        orders.find(event.number()).ifPresent(order -> {
            Map<String, SellableVariant> variants = catalog.sellable(order.lines().stream().map(NewOrder.Line::sku).toList());
            for (NewOrder.Line line : order.lines()) {
                SellableVariant variant = variants.get(line.sku());
                if (variant != null) {
                    buyBacks.recordSale(event.number().value(), line.sku(), variant.categorySlug(), line.quantity(), event.paidAt());
                }
            }
        });
    }
}
