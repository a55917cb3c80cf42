package io.boucle.tax;

import java.util.Optional;

/**
 * Where a delivery address is for VAT, seen from a seller established in mainland France.
 *
 * @param country  for {@link Kind#OTHER_MEMBER_STATE}, the jurisdiction (EL for Greece, XI for Northern Ireland)
 * @param ratesOf  whose rate table applies there (GB for Northern Ireland)
 * @param name     the territory that decided it, when one did (e.g. "Canary Islands")
 */
record Place(Kind kind, VatCountry country, VatCountry ratesOf, Optional<String> name, Optional<RegionalRates> region) {

    enum Kind {
        /** The French VAT territory: mainland France, Corsica and Monaco. */
        FRANCE,
        /** Another member state's VAT territory (for goods, Northern Ireland too). */
        OTHER_MEMBER_STATE,
        /** Outside the EU VAT territory: third countries, French overseas, Canary Islands, ... */
        OUTSIDE_EU_VAT_TERRITORY
    }

    static Place france(VatCountry country) {
        return new Place(Kind.FRANCE, country, VatCountry.FRANCE, Optional.empty(), Optional.empty());
    }

    static Place outside(VatCountry country, Optional<String> name) {
        return new Place(Kind.OUTSIDE_EU_VAT_TERRITORY, country, country, name, Optional.empty());
    }

    static Place memberState(VatCountry country, VatCountry ratesOf, Optional<String> name, Optional<RegionalRates> region) {
        return new Place(Kind.OTHER_MEMBER_STATE, country, ratesOf, name, region);
    }
}
