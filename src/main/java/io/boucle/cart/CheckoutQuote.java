package io.boucle.cart;

import io.boucle.pricing.PricedCart;
import io.boucle.pricing.PricingRequest;
import io.boucle.tax.VatAssessment;

/**
 * A cart priced for placing its order: the view, the promotions to redeem, and the VAT assessment
 * whose lines are keyed by cart line id (and {@code delivery} parts for the delivery).
 */
public record CheckoutQuote(CartView cart, PricingRequest pricingRequest, PricedCart priced, VatAssessment vat) {
}
