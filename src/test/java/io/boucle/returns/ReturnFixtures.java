package io.boucle.returns;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.OrderDelivered;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Orders as returns meets them: placed and paid through the store API, then delivered. */
final class ReturnFixtures {

    private final StoreFixtures store;
    private final Orders orders;
    private final Returns returns;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    ReturnFixtures(StoreFixtures store, Orders orders, Returns returns, ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.store = store;
        this.orders = orders;
        this.returns = returns;
        this.events = events;
        this.transactions = transactions;
    }

    /** One unit of the SKU, ordered and paid by card; returns the order once it is paid. */
    OrderView paid(String sku) {
        String cart = store.readyCart(sku, 1);
        return paidCheckout(cart);
    }

    /** The cart checked out with the test card that is captured at once; returns the order once it is paid. */
    OrderView paidCheckout(String cart) {
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        return await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                order -> order.paidAt() != null);
    }

    /** Its last parcel received at that instant, as fulfilment tells it; returns once returns knows it. */
    void delivered(OrderView order, Instant at) {
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderDelivered(order.number(), at)));
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.deliveredAt(order.number()).isPresent());
    }
}
