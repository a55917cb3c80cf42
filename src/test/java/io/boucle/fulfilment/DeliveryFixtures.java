package io.boucle.fulfilment;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/** Delivery methods for tests, independent of the shop's defaults. */
final class DeliveryFixtures {

    static final CountryCode FR = CountryCode.FRANCE;
    static final CountryCode BE = CountryCode.of("BE");
    static final CountryCode DE = CountryCode.of("DE");
    static final CountryCode ES = CountryCode.of("ES");

    private DeliveryFixtures() {
    }

    static Money eur(String amount) {
        return Money.euros(amount);
    }

    /** FR has its own grid (with a cheaper band from 35 € up to 1 kg); BE and DE use the default one; free from 60 €. */
    static DeliveryMethod home() {
        return new DeliveryMethod("home", DeliveryKind.HOME, LocalizedText.of("Domicile", "Home"), true, "Colissimo",
                List.of(FR, BE, DE), Money.EUR, List.of(
                PriceBand.upTo(FR, 500, eur("4.95")),
                PriceBand.upTo(FR, 1000, eur("6.95")),
                new PriceBand(FR, 1000, eur("35"), eur("4.95")),
                PriceBand.upTo(FR, 2000, eur("7.95")),
                PriceBand.upTo(FR, 30000, eur("26.95")),
                PriceBand.upTo(null, 1000, eur("12.95")),
                PriceBand.upTo(null, 30000, eur("44.95"))),
                Optional.of(eur("60")), LocalTime.of(14, 0), 1, 1, 3, false, false);
    }

    static DeliveryMethod relay() {
        return new DeliveryMethod("relay", DeliveryKind.RELAY, LocalizedText.of("Point relais", "Relay point"), true,
                "Mondial Relay", List.of(FR), Money.EUR, List.of(PriceBand.upTo(FR, 20000, eur("3.95"))),
                Optional.of(eur("45")), LocalTime.of(14, 0), 1, 2, 4, false, true);
    }

    static DeliveryMethod collect() {
        return new DeliveryMethod("collect", DeliveryKind.CLICK_AND_COLLECT, LocalizedText.of("Magasin", "Store"), true,
                "Boucle", List.of(FR), Money.EUR, List.of(PriceBand.upTo(FR, 30000, eur("0"))), Optional.empty(),
                LocalTime.of(12, 0), 0, 1, 2, true, true);
    }

    static DeliveryMethod express() {
        return new DeliveryMethod("express", DeliveryKind.EXPRESS, LocalizedText.of("Express", "Express"), true,
                "Chronopost", List.of(FR), Money.EUR, List.of(PriceBand.upTo(FR, 30000, eur("12.90"))),
                Optional.empty(), LocalTime.of(12, 0), 0, 1, 1, false, false);
    }

    static DeliveryMethod inactive(DeliveryMethod method) {
        DeliveryMethodSettings s = method.settings();
        return with(method, new DeliveryMethodSettings(s.label(), false, s.carrier(), s.countries(), s.priceBands(),
                s.freeAbove(), s.cutOff(), s.preparationDays(), s.transitDaysMin(), s.transitDaysMax(),
                s.saturdayDelivery()));
    }

    static DeliveryMethod with(DeliveryMethod method, DeliveryMethodSettings s) {
        return new DeliveryMethod(method.code(), method.kind(), s.label(), s.active(), s.carrier(), s.countries(),
                method.currency(), s.priceBands(), s.freeAbove(), s.cutOff(), s.preparationDays(), s.transitDaysMin(),
                s.transitDaysMax(), s.saturdayDelivery(), method.pickupPointRequired());
    }

    /** Settings to change field by field in a test. */
    static final class Edit {
        LocalizedText label;
        boolean active;
        String carrier;
        List<CountryCode> countries;
        List<PriceBand> priceBands;
        Optional<Money> freeAbove;
        LocalTime cutOff;
        int preparationDays;
        int transitDaysMin;
        int transitDaysMax;
        boolean saturdayDelivery;

        Edit(DeliveryMethodSettings s) {
            label = s.label();
            active = s.active();
            carrier = s.carrier();
            countries = s.countries();
            priceBands = s.priceBands();
            freeAbove = s.freeAbove();
            cutOff = s.cutOff();
            preparationDays = s.preparationDays();
            transitDaysMin = s.transitDaysMin();
            transitDaysMax = s.transitDaysMax();
            saturdayDelivery = s.saturdayDelivery();
        }

        DeliveryMethodSettings settings() {
            return new DeliveryMethodSettings(label, active, carrier, countries, priceBands, freeAbove, cutOff,
                    preparationDays, transitDaysMin, transitDaysMax, saturdayDelivery);
        }
    }

    static Parcel parcel(CountryCode country, int grams, String goods) {
        return new Parcel(country, null, grams, eur(goods));
    }
}
