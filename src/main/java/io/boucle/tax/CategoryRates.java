package io.boucle.tax;

import java.util.List;
import java.util.Map;

import io.boucle.shared.Percentage;

/**
 * Which of a country's rates a catalog tax category takes there, from {@code tax/category-rates.json}:
 * rate keys tried in order, the country's own list where it has one, the standard rate when the country
 * has none of them. The file documents the goods class each category stands for and the limits.
 */
final class CategoryRates {

    private final Map<TaxCategory, List<String>> defaults;
    private final Map<VatCountry, Map<TaxCategory, List<String>>> byCountry;

    CategoryRates(Map<TaxCategory, List<String>> defaults, Map<VatCountry, Map<TaxCategory, List<String>>> byCountry) {
        for (TaxCategory category : TaxCategory.values()) {
            if (!defaults.containsKey(category)) {
                throw new IllegalArgumentException("category-rates.json has no default for " + category);
            }
        }
        this.defaults = Map.copyOf(defaults);
        this.byCountry = Map.copyOf(byCountry);
    }

    Percentage rate(VatCountry country, TaxCategory category, RateSet rates) {
        List<String> keys = byCountry.getOrDefault(country, Map.of()).getOrDefault(category, defaults.get(category));
        for (String key : keys) {
            var rate = rates.rate(key);
            if (rate.isPresent()) {
                return rate.get();
            }
        }
        return rates.rate("standard")
                .orElseThrow(() -> new IllegalStateException("no standard VAT rate for " + country));
    }
}
