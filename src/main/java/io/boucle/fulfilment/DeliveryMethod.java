package io.boucle.fulfilment;

import java.time.LocalTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A delivery method as the merchant set it up.
 *
 * @param code                a stable name ({@code home}, {@code relay}, {@code collect}, {@code express})
 * @param carrier             who carries the parcel, as shown to staff
 * @param countries           where it delivers
 * @param priceBands          the price grid, see {@link PriceBand}; prices VAT included, in {@code currency}
 * @param freeAbove           goods total (VAT included, after discounts) from which delivery is free
 * @param cutOff              orders placed from this time (Europe/Paris) are prepared from the next business day
 * @param preparationDays     business days (Monday to Friday, holidays excluded) to prepare before handing over;
 *                            0 means handed over on the day preparation starts
 * @param transitDaysMin      the carrier's fastest transit, in the carrier's working days
 * @param transitDaysMax      the carrier's slowest transit, in the carrier's working days
 * @param saturdayDelivery    whether the carrier works (delivers, or the store opens) on Saturdays
 * @param pickupPointRequired whether the shopper chooses a relay point or a store
 */
public record DeliveryMethod(String code, DeliveryKind kind, LocalizedText label, boolean active, String carrier,
                             List<CountryCode> countries, Currency currency, List<PriceBand> priceBands,
                             Optional<Money> freeAbove, LocalTime cutOff, int preparationDays, int transitDaysMin,
                             int transitDaysMax, boolean saturdayDelivery, boolean pickupPointRequired) {

    public DeliveryMethod {
        countries = List.copyOf(countries);
        priceBands = List.copyOf(priceBands);
    }

    /** The settings as they are, to change some of them. */
    public DeliveryMethodSettings settings() {
        return new DeliveryMethodSettings(label, active, carrier, countries, priceBands, freeAbove, cutOff,
                preparationDays, transitDaysMin, transitDaysMax, saturdayDelivery);
    }
}
