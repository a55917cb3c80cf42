package io.boucle.fulfilment;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * What the merchant may change in a delivery method; its code, kind and currency stay. Checked
 * as a whole by {@link Delivery#updateMethod}: see {@link InvalidDeliveryMethod} for the rules.
 */
public record DeliveryMethodSettings(LocalizedText label, boolean active, String carrier, List<CountryCode> countries,
                                     List<PriceBand> priceBands, Optional<Money> freeAbove, LocalTime cutOff,
                                     int preparationDays, int transitDaysMin, int transitDaysMax,
                                     boolean saturdayDelivery) {

    public DeliveryMethodSettings {
        countries = countries == null ? List.of() : List.copyOf(countries);
        priceBands = priceBands == null ? List.of() : List.copyOf(priceBands);
        freeAbove = freeAbove == null ? Optional.empty() : freeAbove;
    }
}
