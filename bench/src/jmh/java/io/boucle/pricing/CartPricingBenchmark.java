package io.boucle.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.shared.Percentage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 30-line cart priced against the promotions in force, as {@code Pricing.price} does once its
 * snapshot is loaded (it is reloaded every few seconds, not per cart): {@code promotions} = 0, or 100
 * active promotions.
 * <ul>
 * <li>{@code price}: the promotions engine alone.</li>
 * <li>{@code recalculate}: what a cart does on each change: the request from its lines, the
 * promotions, then each line's total after discount and the VAT it includes, and the cart's totals.</li>
 * </ul>
 * The 100 promotions ({@code mix}): {@code shop} is a shop's plausible mix (10 on every product, some
 * exclusive; 40 on categories; 30 on lists of SKUs; 20 codes, 2 of them entered); {@code everything}
 * is the worst case, 100 automatic promotions on every product, half of them exclusive.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CartPricingBenchmark {

    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");
    static final int CATEGORIES = 10;

    @Param({ "0", "100" })
    int promotions;

    @Param({ "shop", "everything" })
    String mix;

    PromotionSnapshot snapshot;
    PricingRequest request;
    Map<String, Integer> noUses = Map.of();

    @Setup
    public void setUp() {
        Random random = new Random(20260510);
        Map<String, String> parents = new HashMap<>();
        for (int c = 0; c < CATEGORIES; c++) {
            parents.put("cat-" + c, null);
            parents.put("cat-" + c + "-sub", "cat-" + c);
        }
        List<PricingLine> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(new PricingLine("line-" + i, "SKU-" + i, "p-" + i, "cat-" + (i % CATEGORIES) + (i % 3 == 0 ? "-sub" : ""),
                    Money.ofMinor(500 + random.nextInt(15_000), Money.EUR), 1 + random.nextInt(3)));
        }
        List<Promotion> all = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int n = 0; n < promotions; n++) {
            all.add("everything".equals(mix) ? everything(n, random) : shop(n, random));
            if (all.getLast().code() != null && codes.size() < 2) {
                codes.add(all.getLast().code().toLowerCase());
            }
        }
        snapshot = new PromotionSnapshot(all, parents);
        request = new PricingRequest(lines, Money.euros("4.90"), promotions == 0 ? List.of("ETE10", "NOEL5") : codes, null, NOW);
    }

    private static Promotion shop(int n, Random random) {
        if (n < 10) {
            return promotion(n, null, kind(n), null, List.of(), n % 4 == 0, n % 3 == 0 ? "60.00" : null);
        }
        if (n < 50) {
            return promotion(n, null, kind(n), "cat-" + (n % CATEGORIES), List.of(), n % 5 == 0, null);
        }
        if (n < 80) {
            List<String> skus = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                skus.add("SKU-" + random.nextInt(300));
            }
            return promotion(n, null, kind(n), null, skus.stream().distinct().toList(), n % 5 == 0, null);
        }
        return promotion(n, "CODE" + n, kind(n), null, List.of(), n % 2 == 0, null);
    }

    private static Promotion everything(int n, Random random) {
        return promotion(n, null, kind(n), null, List.of(), n % 2 == 0, n % 3 == 0 ? "50.00" : null);
    }

    private static PromotionKind kind(int n) {
        return PromotionKind.values()[n % PromotionKind.values().length];
    }

    private static Promotion promotion(int n, String code, PromotionKind kind, String category, List<String> skus,
            boolean exclusive, String minimum) {
        return new Promotion(String.format("p-%03d", n), code, LocalizedText.of("Promo " + n, "Promo " + n), kind,
                kind == PromotionKind.PERCENTAGE ? BigDecimal.valueOf(5 + n % 20) : null,
                kind == PromotionKind.FIXED_AMOUNT ? Money.euros(String.valueOf(3 + n % 10)) : null,
                kind == PromotionKind.BUY_X_GET_Y ? 2 : null, kind == PromotionKind.BUY_X_GET_Y ? 1 : null,
                kind == PromotionKind.TIERED_SPEND ? List.of(new Promotion.Tier(Money.euros("50.00"), Money.euros("5.00")),
                        new Promotion.Tier(Money.euros("100.00"), Money.euros("15.00"))) : List.of(),
                category, skus, minimum == null ? null : Money.euros(minimum), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), n % 7 == 0 ? 1_000 : null, null, !exclusive, n % 13, true, n % 11, NOW);
    }

    @Benchmark
    public PricedCart price() {
        return PromotionEngine.price(request, snapshot, noUses);
    }

    /** The cart's totals once priced: each line after discount with its VAT (20 %), then the cart's. */
    @Benchmark
    public Money[] recalculate() {
        PricedCart priced = PromotionEngine.price(request, snapshot, noUses);
        Money zero = Money.zero(Money.EUR);
        Money total = zero;
        Money vat = zero;
        Percentage rate = Percentage.of(20);
        for (PricingLine line : request.lines()) {
            Money lineTotal = line.total().minus(priced.lineDiscounts().getOrDefault(line.lineId(), zero));
            total = total.plus(lineTotal);
            vat = vat.plus(rate.includedIn(lineTotal, RoundingMode.HALF_UP));
        }
        Money delivery = request.deliveryPrice().minus(priced.deliveryDiscount());
        return new Money[] { total.plus(delivery), vat.plus(rate.includedIn(delivery, RoundingMode.HALF_UP)) };
    }
}
