package io.boucle.cart;

/** The cart became an order already: it cannot change nor be ordered again. */
public class CartAlreadyOrdered extends IllegalStateException {

    private final String orderReference;

    public CartAlreadyOrdered(CartId id, String orderReference) {
        super("cart " + id + " was already ordered" + (orderReference == null ? "" : " as " + orderReference));
        this.orderReference = orderReference;
    }

    /** May be null when not known. */
    public String orderReference() {
        return orderReference;
    }
}
