package io.boucle.tax;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The VAT map, from {@code tax/territories.json}: which member states there are on a date, which parts
 * of them lie outside the EU VAT territory, which places count as France, where Northern Ireland sits.
 */
final class Territories {

    record MemberState(VatCountry country, LocalDate since, Optional<LocalDate> until) {
        boolean memberOn(LocalDate date) {
            return !date.isBefore(since) && until.map(end -> !date.isAfter(end)).orElse(true);
        }
    }

    /** Part of a country, found by the start of its postcodes. */
    record Area(String name, VatCountry country, Pattern postcode) {
        boolean covers(VatCountry destinationCountry, String normalisedPostcode) {
            return country.equals(destinationCountry) && postcode.matcher(normalisedPostcode).lookingAt();
        }
    }

    /** An area outside the EU where EU VAT rules on goods apply: Northern Ireland. */
    record GoodsArea(Area area, VatCountry vatCountry, VatCountry ratesOf, LocalDate since) {
    }

    private final List<MemberState> memberStates;
    private final Set<VatCountry> treatedAsFrance;
    private final List<Area> outsideVatTerritory;
    private final List<GoodsArea> euForGoods;
    private final List<RegionalRates> regionalRates;

    Territories(List<MemberState> memberStates, Set<VatCountry> treatedAsFrance, List<Area> outsideVatTerritory,
            List<GoodsArea> euForGoods, List<RegionalRates> regionalRates) {
        this.memberStates = List.copyOf(memberStates);
        this.treatedAsFrance = Set.copyOf(treatedAsFrance);
        this.outsideVatTerritory = List.copyOf(outsideVatTerritory);
        this.euForGoods = List.copyOf(euForGoods);
        this.regionalRates = List.copyOf(regionalRates);
    }

    /**
     * Locates a delivery address. Order matters: Monaco is France; an excluded area (Canary Islands,
     * French overseas departments, ...) is outside even though its country is a member state; then
     * France, the other member states, Northern Ireland for goods, and everything else is outside.
     */
    Place locate(Destination destination, LocalDate date) {
        VatCountry country = VatCountry.of(destination.country());
        String postcode = destination.normalisedPostalCode();
        if (treatedAsFrance.contains(country)) {
            return Place.france(country);
        }
        for (Area area : outsideVatTerritory) {
            if (area.covers(country, postcode)) {
                return Place.outside(country, Optional.of(area.name()));
            }
        }
        if (country.equals(VatCountry.FRANCE)) {
            return Place.france(country);
        }
        if (isMemberState(country, date)) {
            Optional<RegionalRates> region = regionalRates.stream()
                    .filter(rates -> rates.covers(country, postcode)).findFirst();
            return Place.memberState(country, country, region.map(RegionalRates::name), region);
        }
        for (GoodsArea goodsArea : euForGoods) {
            if (goodsArea.area().covers(country, postcode) && !date.isBefore(goodsArea.since())) {
                return Place.memberState(goodsArea.vatCountry(), goodsArea.ratesOf(),
                        Optional.of(goodsArea.area().name()), Optional.empty());
            }
        }
        return Place.outside(country, Optional.empty());
    }

    /** France, or a place that shares its VAT territory (Monaco). */
    boolean isFrance(VatCountry country) {
        return country.equals(VatCountry.FRANCE) || treatedAsFrance.contains(country);
    }

    boolean isMemberState(VatCountry country, LocalDate date) {
        return memberStates.stream().anyMatch(state -> state.country().equals(country) && state.memberOn(date));
    }

    /**
     * Whether a VAT number from this jurisdiction identifies a buyer in a member state for goods
     * (Directive 2006/112/EC art. 138(1)(b)): member states, and Northern Ireland's XI numbers.
     */
    boolean identifiesForGoods(VatCountry country, LocalDate date) {
        return isMemberState(country, date) || euForGoods.stream()
                .anyMatch(area -> area.vatCountry().equals(country) && !date.isBefore(area.since()));
    }
}
