package io.boucle.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import io.boucle.customer.CustomerId;
import io.boucle.fulfilment.DeliveryQuote;
import io.boucle.fulfilment.PickupPoint;
import io.boucle.pricing.AppliedPromotion;
import io.boucle.pricing.RejectedCode;
import io.boucle.shared.CountryCode;
import io.boucle.shared.ExchangeRate;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.VatNumberVerdict;

/**
 * A cart as the shopper sees it, every amount computed on the server from the catalog's prices.
 *
 * @param delivery  the chosen delivery, or the cheapest one for the cart's country when none is chosen
 *                  yet (so the cost is shown before checkout); null when nothing can be delivered
 * @param customer  null until the shopper gave their details
 * @param problems  what stops the checkout now (a line no longer available, a quantity above the stock)
 * @param paymentMethod chosen on the shop's details step ({@code card}, {@code wallet}, {@code instalments-3},
 *                      {@code instalments-4}, {@code giftcard}), null until then; API clients send theirs at checkout
 * @param customerId    the signed-in customer whose cart this is; null for a guest's cart
 * @param currency      the currency the cart is charged in (EUR unless the shopper chose another offered one)
 * @param totals        in euros, the reference: catalog prices, promotions, delivery and VAT are computed in euros
 * @param charge        the rate in force today and the totals in {@code currency}, as the order would be charged
 * @param vatNumberCheck what the check of the company's VAT number answered, null when it was not checked (no
 *                       company, no number, a French number)
 * @param vatNote       what the shopper is told of their VAT number of another member state: exempt, or why it
 *                      did not exempt and which VAT applies instead (French, the destination's, none for an
 *                      export); null when there is nothing to say
 * @param vatNoteKey    the same for the storefront's messages, {@code checkout.vatNumber.<key>}, e.g.
 *                      {@code VALID} or {@code INVALID.destination}; null with the note
 * @param vatNoteCountry the member state whose VAT applies through OSS, its argument; null when none
 */
public record CartView(CartId id, boolean open, Currency currency, CountryCode country, Locale locale, List<Line> lines,
                       Totals totals, Delivery delivery, CartCustomer customer, List<String> discountCodes,
                       List<AppliedPromotion> promotions, List<RejectedCode> rejectedCodes, List<Problem> problems,
                       int weightGrams, String paymentMethod, String giftCardCode, Instant lastActivityAt,
                       CustomerId customerId, Charge charge, VatNumberVerdict vatNumberCheck, String vatNote,
                       String vatNoteKey, String vatNoteCountry) {

    /**
     * What the cart costs in its currency.
     *
     * @param rate   the reference rate in force today (the identity for the euro)
     * @param totals the totals converted: the total is what the order would be charged
     */
    public record Charge(ExchangeRate rate, Totals totals) {

        public boolean converted() {
            return !rate.isIdentity();
        }
    }

    /**
     * @param unitPrice the price shown for one unit: the catalog price, or for a sale taxed otherwise than in
     *                  France the same price excl. VAT with the VAT that applies (DOMAIN-RULES §3)
     * @param discount  the line's share of the promotions, VAT included
     * @param available what can still be bought now
     */
    public record Line(String id, String sku, String productSlug, LocalizedText title, int quantity, Money unitPrice,
                       Money total, Money discount, int available, boolean secondHand) {
    }

    public record VatLine(BigDecimal rate, Money base, Money amount) {
    }

    /**
     * @param subtotal the lines at the prices shown: catalog prices (French VAT included), or, for a sale taxed
     *                 otherwise (at the destination's rate, or exempt), the same prices excl. VAT with that VAT
     * @param discount every promotion, delivery ones included
     * @param delivery the delivery price before its discounts, repriced like the lines
     * @param total    what the shopper pays
     */
    public record Totals(Money subtotal, Money discount, Money delivery, List<VatLine> vat, Money totalVat, Money total) {
    }

    /** @param chosen false while the cart only shows the cheapest option for its country */
    public record Delivery(DeliveryQuote quote, PickupPoint pickupPoint, boolean chosen) {
    }

    /** @param code {@code unavailable}, {@code insufficient_stock} */
    public record Problem(String lineId, String sku, String code, int available) {
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public int itemCount() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }

    /** Whether the shopper can go to payment: something to buy, no problem, details and delivery given. */
    public boolean readyForCheckout() {
        return open && !lines.isEmpty() && problems.isEmpty() && customer != null && delivery != null && delivery.chosen()
                && (!delivery.quote().pickupPointRequired() || delivery.pickupPoint() != null);
    }
}
