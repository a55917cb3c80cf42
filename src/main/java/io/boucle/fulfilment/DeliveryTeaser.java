package io.boucle.fulfilment;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import org.springframework.stereotype.Service;

/** What the product page promises: "Livré chez vous entre le … et le …". */
@Service
public class DeliveryTeaser {

    private final Delivery delivery;

    DeliveryTeaser(Delivery delivery) {
        this.delivery = delivery;
    }

    /**
     * The promise of the cheapest home delivery of one item (the soonest of those at that price):
     * its dates and until when an order gets them. Empty when no home delivery serves the country,
     * or none carries that weight.
     *
     * @param price the item's price, VAT included (some methods are free above an amount)
     */
    public Optional<DeliveryPromise> cheapestHome(CountryCode country, int weightGrams, Money price, Instant at) {
        return delivery.quotes(new Parcel(country, null, weightGrams, price), at).stream()
                .filter(quote -> quote.kind() == DeliveryKind.HOME)
                .min(Comparator.comparing(DeliveryQuote::price).thenComparing(DeliveryQuote::latest)
                        .thenComparing(DeliveryQuote::earliest))
                .flatMap(quote -> delivery.method(quote.code())
                        .map(method -> new DeliveryPromise(quote, DeliveryDates.sameDatesUntil(at, method.cutOff()))));
    }

    /**
     * The standard home delivery that arrives soonest for one item, if any delivers it: express is
     * left out so the dates shown are those of the delivery the shopper gets without paying extra.
     *
     * @param price the item's price, VAT included (some methods are free above an amount)
     */
    public Optional<DeliveryQuote> fastestHome(CountryCode country, int weightGrams, Money price, Instant at) {
        return delivery.quotes(new Parcel(country, null, weightGrams, price), at).stream()
                .filter(quote -> quote.kind() == DeliveryKind.HOME)
                .min(Comparator.comparing(DeliveryQuote::latest).thenComparing(DeliveryQuote::earliest)
                        .thenComparing(DeliveryQuote::price));
    }
}
