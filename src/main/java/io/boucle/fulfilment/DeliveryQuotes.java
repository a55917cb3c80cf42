package io.boucle.fulfilment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;

/**
 * The quotes of a parcel: every active method that serves its country and weight (click & collect
 * only where a store is), cheapest first, methods of the same price in the merchant's order.
 *
 * <p>The standard price is what a withdrawal refunds (Code de la consommation L221-24): the price
 * itself, except for express delivery, whose extra over the cheapest home delivery of the same
 * parcel stays with the merchant.
 */
final class DeliveryQuotes {

    private DeliveryQuotes() {
    }

    static List<DeliveryQuote> of(List<DeliveryMethod> methods, Set<CountryCode> storeCountries, Parcel parcel,
            Instant orderedAt) {
        record Priced(DeliveryMethod method, Money price) {
        }
        List<Priced> priced = new ArrayList<>();
        for (DeliveryMethod method : methods) {
            if (!method.active()
                    || (method.kind() == DeliveryKind.CLICK_AND_COLLECT && !storeCountries.contains(parcel.country()))) {
                continue;
            }
            DeliveryPrices.price(method, parcel).ifPresent(price -> priced.add(new Priced(method, price)));
        }
        Optional<Money> cheapestHome = priced.stream().filter(p -> p.method().kind() == DeliveryKind.HOME)
                .map(Priced::price).min(Comparator.naturalOrder());
        return priced.stream()
                .sorted(Comparator.comparing(Priced::price))
                .map(p -> {
                    DeliveryDates.Window window = DeliveryDates.estimate(p.method(), orderedAt);
                    Money standard = p.method().kind() == DeliveryKind.EXPRESS
                            ? cheapestHome.map(home -> home.min(p.price())).orElse(p.price())
                            : p.price();
                    return new DeliveryQuote(p.method().code(), p.method().kind(), p.method().label(), p.price(),
                            window.earliest(), window.latest(), p.method().pickupPointRequired(), standard);
                })
                .toList();
    }
}
