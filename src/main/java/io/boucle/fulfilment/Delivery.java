package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import org.springframework.stereotype.Service;

/** The delivery methods a parcel can take, with their prices and estimated dates. */
@Service
public class Delivery {

    /** Every method that can deliver this parcel, cheapest first, for an order placed at {@code orderedAt}. */
    public List<DeliveryQuote> quotes(Parcel parcel, Instant orderedAt) {
        // A placeholder until the delivery methods are configurable: one home delivery.
        LocalDate today = orderedAt.atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate();
        io.boucle.shared.Money price = io.boucle.shared.Money.of("4.90", parcel.goodsTotal().currency().getCurrencyCode());
        return List.of(new DeliveryQuote("home", DeliveryKind.HOME,
                io.boucle.shared.LocalizedText.of("Livraison à domicile", "Home delivery"), price, today.plusDays(2),
                today.plusDays(4), false, price));
    }

    /** One method's quote, when it can deliver this parcel. */
    public Optional<DeliveryQuote> quote(String code, Parcel parcel, Instant orderedAt) {
        return quotes(parcel, orderedAt).stream().filter(quote -> quote.code().equals(code)).findFirst();
    }

    /** Relay points and stores near a postal code, nearest first (by postal code). */
    public List<PickupPoint> pickupPoints(String code, CountryCode country, String postalCode, int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A pickup point (relay or store) by its id, when the method {@code code} serves it. */
    public Optional<PickupPoint> pickupPoint(String code, String id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** When no date was announced, goods are due within 30 days of the order (Code de la consommation L216-1). */
    public static LocalDate latestLawfulDelivery(LocalDate orderDate) {
        return orderDate.plusDays(30);
    }
}
