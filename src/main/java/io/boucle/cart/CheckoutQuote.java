package io.boucle.cart;

import io.boucle.pricing.PricedCart;
import io.boucle.pricing.PricingRequest;
import io.boucle.tax.VatAssessment;

/**
 * A cart priced for placing its order: the view, the promotions to redeem, and the VAT assessment
 * whose lines are keyed by cart line id (and {@code delivery} parts for the delivery).
 *
 * @param vat     the assessment in euros, where the VAT is assessed
 * @param charged the same converted to the cart's currency at {@code cart.charge().rate()}: what the order is charged
 * @param saleDate the date the VAT was assessed on (Europe/Paris), the distance sales read for it included
 */
public record CheckoutQuote(CartView cart, PricingRequest pricingRequest, PricedCart priced, VatAssessment vat,
        VatAssessment charged, java.time.LocalDate saleDate) {
}
