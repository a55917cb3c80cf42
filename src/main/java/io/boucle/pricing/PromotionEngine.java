package io.boucle.pricing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * Prices a cart against a {@link PromotionSnapshot}: pure, no input or output, so it is fast and
 * testable with tables.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Amounts are handled in cents of the cart's currency; promotions in another currency do not apply.</li>
 * <li>A promotion <em>qualifies</em> when it is active, valid at the request's moment (from inclusive,
 * until exclusive), under its usage limits, its minimum subtotal is reached (the subtotal of all lines,
 * VAT included, before any discount) and it gives something on this cart. Automatic promotions that do
 * not qualify are left out silently; entered codes are returned in {@code rejected} with the reason.</li>
 * <li>Combinable promotions stack in priority order (lower first, then by id); each one is computed on
 * what the previous ones left of each line and of the delivery, so no discount ever exceeds a line's
 * total or the delivery price.</li>
 * <li>An exclusive promotion is never applied with another. The engine compares the stack of all
 * combinable promotions with each exclusive promotion alone and keeps what saves the shopper the most;
 * on a tie, the option whose first promotion ranks first (priority, then id).</li>
 * <li>PERCENTAGE: the percentage of the eligible remaining total, rounded HALF_UP to the cent once for
 * the promotion, then spread over the eligible lines in proportion to what remains of each.</li>
 * <li>FIXED_AMOUNT and TIERED_SPEND: the amount (at most the eligible remaining total) spread the same
 * way. The spreading follows {@link Money#allocate}: each line gets its share rounded down and the
 * cents left go to the largest remainders, so the line discounts add up exactly to the promotion's
 * amount. Tiers are reached by the eligible lines' total before discounts.</li>
 * <li>BUY_X_GET_Y: of the eligible units, one group of X+Y gives its Y cheapest units free, as many
 * groups as the units allow; the free units are the cheapest of all eligible units.</li>
 * <li>FREE_DELIVERY: what is left of the delivery price (nothing while no delivery is chosen).</li>
 * </ul>
 */
final class PromotionEngine {

    private PromotionEngine() {
    }

    /** One promotion's discount: per line (cents, same order as the request's lines) and on delivery. */
    private record Discount(PromotionSnapshot.Rule rule, long[] lines, long delivery, long total) {
    }

    /**
     * @param customerUses by promotion id, how often the request's customer already used it (empty
     *                     when unknown)
     */
    static PricedCart price(PricingRequest request, PromotionSnapshot snapshot, Map<String, Integer> customerUses) {
        Currency currency = request.deliveryPrice().currency();
        List<PricingLine> lines = request.lines();
        int n = lines.size();
        long[] unit = new long[n];
        long[] quantity = new long[n];
        long[] totals = new long[n];
        long subtotal = 0;
        for (int i = 0; i < n; i++) {
            PricingLine line = lines.get(i);
            if (!line.unitPrice().currency().equals(currency)) {
                throw new IllegalArgumentException("line " + line.lineId() + ": its currency differs from the delivery's");
            }
            if (line.quantity() < 1) {
                throw new IllegalArgumentException("line " + line.lineId() + ": the quantity must be at least 1");
            }
            unit[i] = line.unitPrice().minorUnits();
            quantity[i] = line.quantity();
            totals[i] = Math.multiplyExact(unit[i], quantity[i]);
            subtotal = Math.addExact(subtotal, totals[i]);
        }
        long delivery = request.deliveryPrice().minorUnits();
        Cart cart = new Cart(lines, unit, quantity, totals, subtotal, delivery, currency, cheapestFirst(unit));

        // The candidates: automatic promotions that can touch these lines, found through the
        // snapshot's indexes, which also tell which lines each one covers; then the codes entered.
        int size = snapshot.rules().size();
        BitSet candidates = new BitSet(size);
        boolean[][] eligible = new boolean[size][];
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        for (PromotionSnapshot.Rule rule : snapshot.automaticForEverything()) {
            candidates.set(rule.rank());
            eligible[rule.rank()] = all;
        }
        for (int i = 0; i < n; i++) {
            PricingLine line = lines.get(i);
            for (PromotionSnapshot.Rule rule : snapshot.automaticForSku(line.sku())) {
                cover(rule, i, n, candidates, eligible);
            }
            for (PromotionSnapshot.Rule rule : snapshot.automaticForCategory(line.categorySlug())) {
                cover(rule, i, n, candidates, eligible);
            }
        }
        Map<String, LocalizedText> rejected = new HashMap<>();
        String[] enteredCodes = new String[size];
        Set<String> codes = new LinkedHashSet<>();
        if (request.codes() != null) {
            for (String entered : request.codes()) {
                if (entered != null && !entered.isBlank()) {
                    codes.add(entered.strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        for (String code : codes) {
            PromotionSnapshot.Rule rule = snapshot.byCode(code);
            if (rule == null) {
                rejected.put(code, RejectionReasons.unknown());
            } else {
                candidates.set(rule.rank());
                enteredCodes[rule.rank()] = code;
                boolean[] covered = new boolean[n];
                for (int i = 0; i < n; i++) {
                    covered[i] = rule.covers(lines.get(i));
                }
                eligible[rule.rank()] = covered;
            }
        }

        // Exclusive candidates are priced alone on the full cart; combinable ones stack in rank
        // order, each on what the previous ones left. What a promotion covers and whether it gives
        // anything at all does not depend on what is left, so each candidate is priced once.
        List<Discount> exclusive = new ArrayList<>();
        List<Discount> stack = new ArrayList<>();
        long[] remaining = totals.clone();
        long deliveryLeft = delivery;
        long stackTotal = 0;
        for (int rank = candidates.nextSetBit(0); rank >= 0; rank = candidates.nextSetBit(rank + 1)) {
            PromotionSnapshot.Rule rule = snapshot.rules().get(rank);
            String code = enteredCodes[rank];
            Refusal refusal = refusal(rule, request, cart, customerUses);
            if (refusal != null) {
                if (code != null) {
                    rejected.put(code, refusal.reason(rule.promotion()));
                }
                continue;
            }
            boolean combinable = rule.promotion().combinable();
            Discount discount = combinable
                    ? discount(rule, eligible[rank], cart, remaining, deliveryLeft)
                    : discount(rule, eligible[rank], cart, totals, delivery);
            if (discount == null) {
                if (code != null) {
                    rejected.put(code, rule.promotion().kind() == PromotionKind.TIERED_SPEND && eligibleTotal(eligible[rank], cart) > 0
                            ? RejectionReasons.minimumNotReached(Money.ofMinor(rule.tierThresholds()[0], currency))
                            : RejectionReasons.nothingEligible());
                }
                continue;
            }
            if (!combinable) {
                exclusive.add(discount);
                continue;
            }
            if (discount.total() == 0 && rule.promotion().kind() != PromotionKind.FREE_DELIVERY) {
                if (code != null) {
                    rejected.put(code, RejectionReasons.nothingEligible()); // what it covers is already free
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                remaining[i] -= discount.lines()[i];
            }
            deliveryLeft -= discount.delivery();
            stackTotal += discount.total();
            stack.add(discount);
        }

        // The best option for the shopper: the stack, or one exclusive promotion alone.
        List<Discount> chosen = stack;
        long best = stackTotal;
        int bestRank = stack.isEmpty() ? Integer.MAX_VALUE : stack.getFirst().rule().rank();
        for (Discount alone : exclusive) {
            int rank = alone.rule().rank();
            if (chosen.isEmpty() || alone.total() > best || (alone.total() == best && rank < bestRank)) {
                chosen = List.of(alone);
                best = alone.total();
                bestRank = rank;
            }
        }
        if (!chosen.isEmpty()) {
            LocalizedText winner = chosen.getFirst().rule().promotion().label();
            Set<Integer> kept = new java.util.HashSet<>();
            chosen.forEach(discount -> kept.add(discount.rule().rank()));
            for (Discount loser : exclusive) {
                rejectIfEntered(loser, kept, enteredCodes, rejected, winner);
            }
            if (chosen != stack) {
                for (Discount loser : stack) {
                    rejectIfEntered(loser, kept, enteredCodes, rejected, winner);
                }
            }
        }
        return result(request, chosen, codes, rejected, currency);
    }

    private static void cover(PromotionSnapshot.Rule rule, int line, int n, BitSet candidates, boolean[][] eligible) {
        candidates.set(rule.rank());
        if (eligible[rule.rank()] == null) {
            eligible[rule.rank()] = new boolean[n];
        }
        eligible[rule.rank()][line] = true;
    }

    /** The lines' indexes by unit price, the cheapest first; among equal prices, the earlier line. */
    private static int[] cheapestFirst(long[] unit) {
        int[] order = new int[unit.length];
        for (int i = 0; i < unit.length; i++) {
            int j = i;
            while (j > 0 && unit[order[j - 1]] > unit[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }

    private static void rejectIfEntered(Discount loser, Set<Integer> kept, String[] enteredCodes,
            Map<String, LocalizedText> rejected, LocalizedText winner) {
        String code = enteredCodes[loser.rule().rank()];
        if (code != null && !kept.contains(loser.rule().rank())) {
            rejected.put(code, RejectionReasons.notCombinableWith(winner));
        }
    }

    private record Cart(List<PricingLine> lines, long[] unit, long[] quantity, long[] totals, long subtotal,
                        long delivery, Currency currency, int[] cheapestFirst) {
    }

    /** Why a promotion cannot apply to this cart at this moment, before looking at what it would give. */
    private enum Refusal {
        NO_LONGER_AVAILABLE, NOT_YET_VALID, EXPIRED, USAGE_LIMIT, CUSTOMER_LIMIT, NOTHING_ELIGIBLE, MINIMUM;

        /** The words for the shopper, built only for codes they entered (formatting is not free). */
        LocalizedText reason(Promotion p) {
            return switch (this) {
                case NO_LONGER_AVAILABLE -> RejectionReasons.noLongerAvailable();
                case NOT_YET_VALID -> RejectionReasons.notYetValid(p.validFrom());
                case EXPIRED -> RejectionReasons.expired(p.validUntil());
                case USAGE_LIMIT -> RejectionReasons.usageLimitReached();
                case CUSTOMER_LIMIT -> RejectionReasons.customerLimitReached(p.perCustomerLimit());
                case NOTHING_ELIGIBLE -> RejectionReasons.nothingEligible();
                case MINIMUM -> RejectionReasons.minimumNotReached(p.minimumSubtotal());
            };
        }
    }

    private static Refusal refusal(PromotionSnapshot.Rule rule, PricingRequest request, Cart cart,
            Map<String, Integer> customerUses) {
        Promotion p = rule.promotion();
        if (!p.active()) {
            return Refusal.NO_LONGER_AVAILABLE;
        }
        if (p.validFrom() != null && request.at().isBefore(p.validFrom())) {
            return Refusal.NOT_YET_VALID;
        }
        if (p.validUntil() != null && !request.at().isBefore(p.validUntil())) {
            return Refusal.EXPIRED;
        }
        if (p.usageLimit() != null && p.uses() >= p.usageLimit()) {
            return Refusal.USAGE_LIMIT;
        }
        if (p.perCustomerLimit() != null && customerUses.getOrDefault(p.id(), 0) >= p.perCustomerLimit()) {
            return Refusal.CUSTOMER_LIMIT;
        }
        if (rule.currency() != null && !rule.currency().equals(cart.currency())) {
            return Refusal.NOTHING_ELIGIBLE;
        }
        if (cart.subtotal() < rule.minimumCents()) {
            return Refusal.MINIMUM;
        }
        return null;
    }

    private static long eligibleTotal(boolean[] eligible, Cart cart) {
        long total = 0;
        for (int i = 0; i < eligible.length; i++) {
            if (eligible[i]) {
                total += cart.totals()[i];
            }
        }
        return total;
    }

    /**
     * What a promotion gives on what is left of each line and of the delivery; null when it gives
     * nothing because nothing in the cart is eligible (or no tier is reached, or too few units).
     */
    private static Discount discount(PromotionSnapshot.Rule rule, boolean[] eligible, Cart cart, long[] remaining,
            long deliveryLeft) {
        int n = remaining.length;
        boolean any = false;
        long base = 0;
        for (int i = 0; i < n; i++) {
            if (eligible[i]) {
                any = true;
                base += remaining[i];
            }
        }
        if (!any) {
            return null;
        }
        long[] lines = new long[n];
        Promotion p = rule.promotion();
        switch (p.kind()) {
            case FREE_DELIVERY -> {
                return new Discount(rule, lines, deliveryLeft, deliveryLeft);
            }
            case PERCENTAGE -> spread(percentOf(base, rule.percentHundredths()), remaining, eligible, lines);
            case FIXED_AMOUNT -> spread(Math.min(rule.amountCents(), base), remaining, eligible, lines);
            case TIERED_SPEND -> {
                long reached = 0;
                for (int i = 0; i < n; i++) {
                    if (eligible[i]) {
                        reached += cart.totals()[i];
                    }
                }
                long amount = -1;
                for (int t = 0; t < rule.tierThresholds().length; t++) {
                    if (reached >= rule.tierThresholds()[t]) {
                        amount = rule.tierDiscounts()[t];
                    }
                }
                if (amount < 0) {
                    return null;
                }
                spread(Math.min(amount, base), remaining, eligible, lines);
            }
            case BUY_X_GET_Y -> {
                long units = 0;
                for (int i = 0; i < n; i++) {
                    if (eligible[i]) {
                        units += cart.quantity()[i];
                    }
                }
                long free = units / (p.buyQuantity() + p.freeQuantity()) * p.freeQuantity();
                if (free == 0) {
                    return null;
                }
                // The cheapest units first; among equal prices, the earlier line.
                int[] order = cart.cheapestFirst();
                for (int k = 0; k < n && free > 0; k++) {
                    int i = order[k];
                    if (eligible[i]) {
                        long taken = Math.min(free, cart.quantity()[i]);
                        free -= taken;
                        lines[i] = Math.min(taken * cart.unit()[i], remaining[i]);
                    }
                }
            }
        }
        long total = 0;
        for (long line : lines) {
            total += line;
        }
        return new Discount(rule, lines, 0, total);
    }

    /** {@code percent} hundredths of a percent of {@code cents}, rounded half up to the cent. */
    static long percentOf(long cents, long percentHundredths) {
        long high = Math.multiplyHigh(cents, percentHundredths);
        long product = cents * percentHundredths;
        if (high == 0 && product >= 0) {
            return (product + 5_000) / 10_000;
        }
        return BigInteger.valueOf(cents).multiply(BigInteger.valueOf(percentHundredths)).add(BigInteger.valueOf(5_000))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
    }

    /**
     * Spreads {@code amount} cents over the eligible lines in proportion to {@code weights}, by the
     * rule of {@link Money#allocate}: shares rounded down, the cents left to the largest remainders,
     * ties to the earlier line. Adds each share to {@code into}.
     */
    static void spread(long amount, long[] weights, boolean[] eligible, long[] into) {
        if (amount <= 0) {
            return;
        }
        int n = weights.length;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (eligible[i]) {
                sum += weights[i];
            }
        }
        if (sum <= 0) {
            return;
        }
        long[] remainders = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            if (!eligible[i] || weights[i] == 0) {
                remainders[i] = -1;
                continue;
            }
            long high = Math.multiplyHigh(amount, weights[i]);
            long product = amount * weights[i];
            long share;
            if (high == 0 && product >= 0) {
                share = product / sum;
                remainders[i] = product - share * sum;
            } else {
                BigInteger[] division = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(weights[i]))
                        .divideAndRemainder(BigInteger.valueOf(sum));
                share = division[0].longValueExact();
                remainders[i] = division[1].longValueExact();
            }
            into[i] += share;
            given += share;
        }
        long left = amount - given;
        if (left == 0) {
            return;
        }
        // The cents left (fewer than the lines) go to the largest remainders, ties to the earlier line:
        // order the lines by remainder, largest first (insertion sort: a cart has few lines).
        int[] order = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (remainders[i] < 0) {
                continue;
            }
            int j = count++;
            while (j > 0 && remainders[order[j - 1]] < remainders[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int k = 0; k < left; k++) {
            into[order[k]]++;
        }
    }

    private static PricedCart result(PricingRequest request, List<Discount> chosen, Set<String> codes,
            Map<String, LocalizedText> rejected, Currency currency) {
        List<PricingLine> lines = request.lines();
        long[] perLine = new long[lines.size()];
        long delivery = 0;
        List<AppliedPromotion> applied = new ArrayList<>(chosen.size());
        for (Discount discount : chosen) {
            for (int i = 0; i < perLine.length; i++) {
                perLine[i] += discount.lines()[i];
            }
            delivery += discount.delivery();
            Promotion p = discount.rule().promotion();
            applied.add(new AppliedPromotion(p.id(), p.code(), p.label(), Money.ofMinor(discount.total(), currency)));
        }
        Map<String, Money> lineDiscounts = new LinkedHashMap<>();
        for (int i = 0; i < perLine.length; i++) {
            if (perLine[i] > 0) {
                lineDiscounts.merge(lines.get(i).lineId(), Money.ofMinor(perLine[i], currency), Money::plus);
            }
        }
        List<RejectedCode> refused = new ArrayList<>();
        for (String code : codes) {
            LocalizedText reason = rejected.get(code);
            if (reason != null) {
                refused.add(new RejectedCode(code, reason));
            }
        }
        return new PricedCart(java.util.Collections.unmodifiableMap(lineDiscounts), Money.ofMinor(delivery, currency),
                List.copyOf(applied), List.copyOf(refused));
    }
}
