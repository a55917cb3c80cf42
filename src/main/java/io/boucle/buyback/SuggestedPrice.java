package io.boucle.buyback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

import io.boucle.catalog.Condition;
import io.boucle.shared.Money;

/**
 * The price suggested to staff for relisting an item bought back (they may change it):
 * <ol>
 * <li>the reference is the price of the new product the item is a copy of; without one, twice the
 * purchase price;</li>
 * <li>times the condition factor: new with tags 0.75, very good 0.60, good 0.45, fair 0.30;</li>
 * <li>times the demand factor, from the items sold in the item's category over the last 30 days:
 * none 0.90, 1 to 9 1.00, 10 or more 1.10;</li>
 * <li>rounded to the euro, and never below the purchase price plus 25 % (rounded up to the euro), so
 * the resale keeps a margin.</li>
 * </ol>
 */
public record SuggestedPrice(Money price, Money reference, BigDecimal conditionFactor, BigDecimal demandFactor,
                             long recentSales, boolean floored) {

    static final Map<Condition, BigDecimal> CONDITION_FACTORS = Map.of(
            Condition.NEW_WITH_TAGS, new BigDecimal("0.75"), Condition.VERY_GOOD, new BigDecimal("0.60"),
            Condition.GOOD, new BigDecimal("0.45"), Condition.FAIR, new BigDecimal("0.30"));

    static final BigDecimal FLOOR_MARKUP = new BigDecimal("1.25");

    static BigDecimal demandFactor(long recentSales) {
        if (recentSales <= 0) {
            return new BigDecimal("0.90");
        }
        return recentSales < 10 ? BigDecimal.ONE : new BigDecimal("1.10");
    }

    public static SuggestedPrice of(Optional<Money> newPrice, Condition condition, Money purchasePrice, long recentSales) {
        Money reference = newPrice.orElse(purchasePrice.times(2));
        BigDecimal conditionFactor = CONDITION_FACTORS.get(condition);
        BigDecimal demandFactor = demandFactor(recentSales);
        BigDecimal raw = reference.amount().multiply(conditionFactor).multiply(demandFactor).setScale(0, RoundingMode.HALF_UP);
        BigDecimal floor = purchasePrice.amount().multiply(FLOOR_MARKUP).setScale(0, RoundingMode.CEILING);
        boolean floored = raw.compareTo(floor) < 0;
        return new SuggestedPrice(Money.of(floored ? floor : raw, purchasePrice.currency()).rounded(RoundingMode.HALF_UP),
                reference, conditionFactor, demandFactor, recentSales, floored);
    }
}
