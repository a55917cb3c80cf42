package io.boucle.buyback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import io.boucle.catalog.Condition;
import io.boucle.shared.DemoSeeder;
import io.boucle.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The demo shop's quote grid, for its top-level categories (sub-categories take their parent's): a
 * base amount for a very good item less than a year old, scaled by condition and age. Staff change
 * any cell in the back office. Food is not bought back.
 */
@Component
class DemoQuoteGrid implements DemoSeeder {

    static final Map<String, String> BASES = Map.of("vetements", "30.00", "chaussures", "35.00", "maison-cuisine", "25.00",
            "velo-mobilite", "180.00", "livres", "4.00", "enfants", "15.00");
    static final Map<Condition, String> CONDITION = Map.of(Condition.NEW_WITH_TAGS, "1.25", Condition.VERY_GOOD, "1.00",
            Condition.GOOD, "0.70", Condition.FAIR, "0.40");
    static final Map<AgeBand, String> AGE = Map.of(AgeBand.UNDER_1_YEAR, "1.00", AgeBand.YEARS_1_TO_3, "0.80",
            AgeBand.YEARS_3_TO_5, "0.60", AgeBand.OVER_5_YEARS, "0.40");

    private final BuyBacks buyBacks;

    DemoQuoteGrid(BuyBacks buyBacks) {
        this.buyBacks = buyBacks;
    }

    @Override
    public String name() {
        return "buyback-quote-grid";
    }

    @Override
    public int order() {
        // After the catalog's categories.
        return 20;
    }

    @Override
    public void seed() {
        BASES.forEach((category, base) -> CONDITION.forEach((condition, conditionFactor) -> AGE.forEach((band, ageFactor) ->
                buyBacks.setGridAmount(category, condition, band, Money.euros(new BigDecimal(base).multiply(new BigDecimal(conditionFactor))
                        .multiply(new BigDecimal(ageFactor)).setScale(0, RoundingMode.HALF_UP).toPlainString()), "demo"))));
    }
}
