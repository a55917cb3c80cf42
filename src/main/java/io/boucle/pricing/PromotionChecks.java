package io.boucle.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.boucle.shared.Money;

/** Checks a promotion draft as a whole, so bad input is refused before anything is written. */
final class PromotionChecks {

    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{2,31}");
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_SKUS = 500;
    static final int MAX_TIERS = 10;
    static final int MAX_QUANTITY = 1_000;
    static final int MAX_PRIORITY = 10_000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PromotionChecks() {
    }

    /** The draft as stored: code upper case and trimmed, labels trimmed. */
    static PromotionDraft normalised(PromotionDraft d) {
        String code = d.code() == null || d.code().isBlank() ? null : d.code().strip().toUpperCase(Locale.ROOT);
        return new PromotionDraft(code, d.label() == null ? null : io.boucle.shared.LocalizedText.of(d.label().fr().strip(),
                d.label().en().strip()), d.kind(), d.percent(), d.amount(), d.buyQuantity(), d.freeQuantity(), d.tiers(),
                d.categorySlug() == null || d.categorySlug().isBlank() ? null : d.categorySlug().strip(),
                d.skus().stream().map(String::strip).filter(s -> !s.isEmpty()).toList(), d.minimumSubtotal(), d.validFrom(),
                d.validUntil(), d.usageLimit(), d.perCustomerLimit(), d.combinable(), d.priority());
    }

    /** Every problem of a normalised draft, each as "field: what is expected". */
    static List<String> problems(PromotionDraft d, Predicate<String> categoryExists, Predicate<String> skuExists) {
        List<String> problems = new ArrayList<>();
        if (d.label() == null || d.label().fr().isBlank()) {
            problems.add("label: required");
        } else if (d.label().fr().length() > 200 || d.label().en().length() > 200) {
            problems.add("label: at most 200 characters");
        }
        if (d.code() != null && !CODE.matcher(d.code()).matches()) {
            problems.add("code: 3 to 32 letters, digits, '-' or '_', starting with a letter or digit");
        }
        if (d.kind() == null) {
            problems.add("kind: one of PERCENTAGE, FIXED_AMOUNT, FREE_DELIVERY, BUY_X_GET_Y, TIERED_SPEND");
            return problems;
        }
        PromotionKind kind = d.kind();
        Set<Currency> currencies = new HashSet<>();
        // Fields of the kind
        if (kind == PromotionKind.PERCENTAGE) {
            if (d.percent() == null) {
                problems.add("percent: required for a PERCENTAGE promotion");
            } else if (d.percent().signum() <= 0 || d.percent().compareTo(HUNDRED) > 0) {
                problems.add("percent: more than 0 and at most 100");
            } else if (d.percent().stripTrailingZeros().scale() > 2) {
                problems.add("percent: at most two decimals");
            }
        } else if (d.percent() != null) {
            problems.add("percent: only for a PERCENTAGE promotion");
        }
        if (kind == PromotionKind.FIXED_AMOUNT) {
            if (d.amount() == null) {
                problems.add("amount: required for a FIXED_AMOUNT promotion");
            } else {
                checkAmount("amount", d.amount(), problems, currencies, false);
            }
        } else if (d.amount() != null) {
            problems.add("amount: only for a FIXED_AMOUNT promotion");
        }
        if (kind == PromotionKind.BUY_X_GET_Y) {
            if (d.buyQuantity() == null || d.buyQuantity() < 1 || d.buyQuantity() > MAX_QUANTITY) {
                problems.add("buyQuantity: a whole number from 1 to " + MAX_QUANTITY);
            }
            if (d.freeQuantity() == null || d.freeQuantity() < 1 || d.freeQuantity() > MAX_QUANTITY) {
                problems.add("freeQuantity: a whole number from 1 to " + MAX_QUANTITY);
            }
        } else if (d.buyQuantity() != null || d.freeQuantity() != null) {
            problems.add("buyQuantity, freeQuantity: only for a BUY_X_GET_Y promotion");
        }
        if (kind == PromotionKind.TIERED_SPEND) {
            if (d.tiers().isEmpty() || d.tiers().size() > MAX_TIERS) {
                problems.add("tiers: from 1 to " + MAX_TIERS + " tiers for a TIERED_SPEND promotion");
            } else {
                Money previousThreshold = null;
                Money previousDiscount = null;
                for (int i = 0; i < d.tiers().size(); i++) {
                    Promotion.Tier tier = d.tiers().get(i);
                    String field = "tiers[" + i + "]";
                    if (tier == null || tier.threshold() == null || tier.discount() == null) {
                        problems.add(field + ": a threshold and a discount");
                        continue;
                    }
                    int before = problems.size();
                    checkAmount(field + ".threshold", tier.threshold(), problems, currencies, false);
                    checkAmount(field + ".discount", tier.discount(), problems, currencies, false);
                    if (problems.size() > before || currencies.size() > 1) {
                        continue;
                    }
                    if (tier.discount().isGreaterThan(tier.threshold())) {
                        problems.add(field + ".discount: at most the threshold");
                    }
                    if (previousThreshold != null && !tier.threshold().isGreaterThan(previousThreshold)) {
                        problems.add(field + ".threshold: above the previous tier's");
                    }
                    if (previousDiscount != null && !tier.discount().isGreaterThan(previousDiscount)) {
                        problems.add(field + ".discount: above the previous tier's");
                    }
                    previousThreshold = tier.threshold();
                    previousDiscount = tier.discount();
                }
            }
        } else if (!d.tiers().isEmpty()) {
            problems.add("tiers: only for a TIERED_SPEND promotion");
        }
        // Scope
        if (d.categorySlug() != null && !d.skus().isEmpty()) {
            problems.add("scope: a category or a list of SKUs, not both");
        }
        if (d.categorySlug() != null && !categoryExists.test(d.categorySlug())) {
            problems.add("category: unknown category '" + d.categorySlug() + "'");
        }
        if (d.skus().size() > MAX_SKUS) {
            problems.add("skus: at most " + MAX_SKUS);
        } else {
            Set<String> seen = new HashSet<>();
            for (String sku : d.skus()) {
                if (!SKU.matcher(sku).matches()) {
                    problems.add("skus: '" + sku + "' is not a SKU");
                } else if (!seen.add(sku)) {
                    problems.add("skus: '" + sku + "' appears twice");
                } else if (!skuExists.test(sku)) {
                    problems.add("skus: no variant has the SKU '" + sku + "'");
                }
            }
        }
        // Conditions
        if (d.minimumSubtotal() != null) {
            checkAmount("minimumSubtotal", d.minimumSubtotal(), problems, currencies, true);
        }
        if (d.validFrom() != null && d.validUntil() != null && !d.validFrom().isBefore(d.validUntil())) {
            problems.add("validUntil: after validFrom");
        }
        if (d.usageLimit() != null && d.usageLimit() < 1) {
            problems.add("usageLimit: at least 1, or none");
        }
        if (d.perCustomerLimit() != null && d.perCustomerLimit() < 1) {
            problems.add("perCustomerLimit: at least 1, or none");
        }
        if (d.priority() < 0 || d.priority() > MAX_PRIORITY) {
            problems.add("priority: from 0 to " + MAX_PRIORITY);
        }
        if (currencies.size() > 1) {
            problems.add("currency: all amounts of a promotion in one currency");
        }
        return problems;
    }

    private static void checkAmount(String field, Money amount, List<String> problems, Set<Currency> currencies,
            boolean zeroAllowed) {
        if (amount.isNegative() || (!zeroAllowed && amount.isZero())) {
            problems.add(field + (zeroAllowed ? ": not negative" : ": more than zero"));
        } else if (!amount.isRoundedToMinorUnit()) {
            problems.add(field + ": in whole cents");
        }
        currencies.add(amount.currency());
    }

    /** The currency of the draft's amounts; EUR when it has none. */
    static Currency currencyOf(PromotionDraft d) {
        if (d.amount() != null) {
            return d.amount().currency();
        }
        if (!d.tiers().isEmpty() && d.tiers().getFirst() != null && d.tiers().getFirst().threshold() != null) {
            return d.tiers().getFirst().threshold().currency();
        }
        return d.minimumSubtotal() != null ? d.minimumSubtotal().currency() : Money.EUR;
    }
}
