package io.boucle.order;

/** The order is past the point where the shop may cancel it (shipped, delivered, returned) or already cancelled. */
public class OrderNotCancellable extends IllegalStateException {

    private final OrderNumber number;
    private final OrderStatus status;

    OrderNotCancellable(OrderNumber number, OrderStatus status) {
        super(status == OrderStatus.CANCELLED ? "order " + number + " is already cancelled and nothing is left to refund"
                : "order " + number + " is " + status + " and can no longer be cancelled: its goods have left the warehouse");
        this.number = number;
        this.status = status;
    }

    public OrderNumber number() {
        return number;
    }

    public OrderStatus status() {
        return status;
    }
}
