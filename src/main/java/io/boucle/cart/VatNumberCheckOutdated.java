package io.boucle.cart;

/**
 * The cart's company VAT number was last checked on another day: the order cannot be priced on that answer
 * (the exemption of CGI art. 262 ter I needs a number valid at the time of the supply). The caller checks it
 * again, outside any transaction ({@link Carts#renewVatNumberCheck}), then prices the cart anew.
 */
public class VatNumberCheckOutdated extends IllegalStateException {

    public VatNumberCheckOutdated(CartId id) {
        super("the VAT number of cart " + id + " was checked on another day");
    }
}
