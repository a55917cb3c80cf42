package io.boucle.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The promotions of the shop as the engine reads them: immutable, indexed by SKU, category and
 * code so that pricing a cart only looks at the promotions that can touch it, with amounts already
 * in cents. Built from the stored promotions and the category tree (a promotion on a category
 * covers its sub-categories).
 */
final class PromotionSnapshot {

    /** One promotion ready for the engine; {@code rank} orders them (priority, then id). */
    record Rule(Promotion promotion, int rank, Set<String> skuScope, Set<String> categoryScope, Currency currency,
                long percentHundredths, long amountCents, long minimumCents, long[] tierThresholds,
                long[] tierDiscounts) {

        boolean coversEverything() {
            return skuScope == null && categoryScope == null;
        }

        boolean covers(PricingLine line) {
            if (skuScope != null) {
                return skuScope.contains(line.sku());
            }
            return categoryScope == null || (line.categorySlug() != null && categoryScope.contains(line.categorySlug()));
        }

        boolean validAt(Instant at) {
            Promotion p = promotion;
            return (p.validFrom() == null || !at.isBefore(p.validFrom())) && (p.validUntil() == null || at.isBefore(p.validUntil()));
        }
    }

    static final PromotionSnapshot EMPTY = new PromotionSnapshot(List.of(), Map.of());

    private final List<Rule> rules;
    private final List<Rule> automaticForEverything;
    private final Map<String, List<Rule>> automaticBySku;
    private final Map<String, List<Rule>> automaticByCategory;
    private final Map<String, Rule> byCode;
    private final boolean perCustomerLimits;

    /**
     * @param parents each category's parent slug (null for a top-level one), to extend a category
     *                scope to its sub-categories
     */
    PromotionSnapshot(Collection<Promotion> promotions, Map<String, String> parents) {
        List<Promotion> sorted = new ArrayList<>(promotions);
        sorted.sort(Comparator.comparingInt(Promotion::priority).thenComparing(Promotion::id));
        List<Rule> all = new ArrayList<>(sorted.size());
        List<Rule> everything = new ArrayList<>();
        Map<String, List<Rule>> bySku = new HashMap<>();
        Map<String, List<Rule>> byCategory = new HashMap<>();
        Map<String, Rule> codes = new HashMap<>();
        Map<String, Set<String>> subtrees = new HashMap<>();
        boolean limits = false;
        for (Promotion promotion : sorted) {
            Rule rule = rule(promotion, all.size(), parents, subtrees);
            all.add(rule);
            if (promotion.code() != null) {
                codes.put(promotion.code().toUpperCase(Locale.ROOT), rule);
            } else if (promotion.active()) {
                if (rule.skuScope() != null) {
                    rule.skuScope().forEach(sku -> bySku.computeIfAbsent(sku, s -> new ArrayList<>()).add(rule));
                } else if (rule.categoryScope() != null) {
                    rule.categoryScope().forEach(slug -> byCategory.computeIfAbsent(slug, s -> new ArrayList<>()).add(rule));
                } else {
                    everything.add(rule);
                }
            }
            limits |= promotion.active() && promotion.perCustomerLimit() != null;
        }
        this.rules = List.copyOf(all);
        this.automaticForEverything = List.copyOf(everything);
        this.automaticBySku = Map.copyOf(bySku);
        this.automaticByCategory = Map.copyOf(byCategory);
        this.byCode = Map.copyOf(codes);
        this.perCustomerLimits = limits;
    }

    private static Rule rule(Promotion p, int rank, Map<String, String> parents, Map<String, Set<String>> subtrees) {
        Set<String> skus = p.skus().isEmpty() ? null : Set.copyOf(p.skus());
        Set<String> categories = p.categorySlug() == null ? null
                : subtrees.computeIfAbsent(p.categorySlug(), slug -> subtree(slug, parents));
        Currency currency = p.amount() != null ? p.amount().currency()
                : p.minimumSubtotal() != null ? p.minimumSubtotal().currency()
                : p.tiers().isEmpty() ? null : p.tiers().getFirst().threshold().currency();
        long percent = p.percent() == null ? 0 : p.percent().movePointRight(2).longValueExact();
        long[] thresholds = p.tiers().stream().mapToLong(t -> t.threshold().minorUnits()).toArray();
        long[] discounts = p.tiers().stream().mapToLong(t -> t.discount().minorUnits()).toArray();
        return new Rule(p, rank, skus, categories, currency, percent, p.amount() == null ? 0 : p.amount().minorUnits(),
                p.minimumSubtotal() == null ? 0 : p.minimumSubtotal().minorUnits(), thresholds, discounts);
    }

    /** A category and all the categories below it. */
    private static Set<String> subtree(String root, Map<String, String> parents) {
        Set<String> slugs = new HashSet<>();
        slugs.add(root);
        for (String slug : parents.keySet()) {
            // Walk up from each category; bounded by the tree's size against a cycle in bad data.
            String current = slug;
            for (int steps = 0; current != null && steps <= parents.size(); steps++) {
                if (current.equals(root)) {
                    slugs.add(slug);
                    break;
                }
                current = parents.get(current);
            }
        }
        return Set.copyOf(slugs);
    }

    List<Rule> rules() {
        return rules;
    }

    List<Rule> automaticForEverything() {
        return automaticForEverything;
    }

    List<Rule> automaticForSku(String sku) {
        return sku == null ? List.of() : automaticBySku.getOrDefault(sku, List.of());
    }

    List<Rule> automaticForCategory(String slug) {
        return slug == null ? List.of() : automaticByCategory.getOrDefault(slug, List.of());
    }

    Rule byCode(String normalisedCode) {
        return byCode.get(normalisedCode);
    }

    /** Whether pricing needs to know how often the shopper used each promotion. */
    boolean hasPerCustomerLimits() {
        return perCustomerLimits;
    }
}
