package io.boucle.pricing;

import java.time.Instant;
import java.util.List;

import io.boucle.shared.Money;

/**
 * A cart to price.
 *
 * @param deliveryPrice the chosen delivery's price, or zero when none is chosen yet
 * @param codes         discount codes the shopper entered, in the order entered
 * @param customerEmail may be null (per-customer limits then only apply at checkout)
 */
public record PricingRequest(List<PricingLine> lines, Money deliveryPrice, List<String> codes, String customerEmail,
                             Instant at) {
}
