package io.boucle.tax;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.boucle.shared.Money;

/**
 * A sale to assess: what the checkout knows when it prices a cart or places an order.
 *
 * @param date           the date the VAT becomes chargeable (delivery of the goods, CGI art. 269-1 a); its
 *                       rates, thresholds and texts apply
 * @param deliveryCharge the delivery price incl. French VAT, as the customer in France pays it; zero when free
 */
public record Sale(LocalDate date, List<SaleLine> lines, Money deliveryCharge, Destination destination,
        Buyer buyer, DistanceSales distanceSales) {

    public Sale {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(deliveryCharge, "deliveryCharge");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(distanceSales, "distanceSales");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a sale needs at least one line");
        }
        Set<String> references = new HashSet<>();
        for (SaleLine line : lines) {
            if (!references.add(line.reference())) {
                throw new IllegalArgumentException("line references must be unique: " + line.reference());
            }
            // The OSS threshold is in EUR and catalog prices are kept in EUR; a sale charged in another
            // currency is converted by invoicing, which also states the VAT total in EUR.
            requireEuros(line.unitPrice());
            line.marginScheme().ifPresent(margin -> requireEuros(margin.purchasePrice()));
        }
        requireEuros(deliveryCharge);
        if (deliveryCharge.isNegative() || !deliveryCharge.isRoundedToMinorUnit()) {
            throw new IllegalArgumentException("a delivery charge is a non-negative amount in cents: " + deliveryCharge);
        }
    }

    private static void requireEuros(Money amount) {
        if (!amount.currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("the VAT engine works in EUR: " + amount);
        }
    }
}
