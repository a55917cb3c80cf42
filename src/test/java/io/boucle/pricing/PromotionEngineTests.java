package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.boucle.pricing.PromotionBuilder.aPromotion;
import static org.assertj.core.api.Assertions.assertThat;

class PromotionEngineTests {

    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");
    static final Map<String, String> CATEGORIES = new HashMap<>();

    static {
        CATEGORIES.put("vetements", null);
        CATEGORIES.put("pulls", "vetements");
        CATEGORIES.put("pulls-laine", "pulls");
        CATEGORIES.put("cuisine", null);
    }

    static PricingLine line(String id, String sku, String category, String unitPrice, int quantity) {
        return new PricingLine(id, sku, "p-" + sku, category, Money.euros(unitPrice), quantity);
    }

    static PricingRequest cart(String delivery, List<String> codes, PricingLine... lines) {
        return new PricingRequest(List.of(lines), Money.euros(delivery), codes, null, NOW);
    }

    static PricedCart price(PricingRequest request, Promotion... promotions) {
        return price(request, Map.of(), promotions);
    }

    static PricedCart price(PricingRequest request, Map<String, Integer> customerUses, Promotion... promotions) {
        return PromotionEngine.price(request, new PromotionSnapshot(List.of(promotions), CATEGORIES), customerUses);
    }

    static Money sumOfLines(PricedCart priced) {
        return priced.lineDiscounts().values().stream().reduce(Money.zero(Money.EUR), Money::plus);
    }

    // One table per kind: the promotion, the cart, the discount expected

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("10 % of 64.97 = 6.497, half up", aPromotion("a").percent("10").build(),
                        List.of(line("1", "A", "pulls", "19.99", 3), line("2", "B", "cuisine", "5.00", 1)), "4.90", "6.50", "0"),
                Arguments.of("12.5 % of 0.20 = 0.025, half up", aPromotion("a").percent("12.5").build(),
                        List.of(line("1", "A", "pulls", "0.20", 1)), "0", "0.03", "0"),
                Arguments.of("100 % is the whole line", aPromotion("a").percent("100").build(),
                        List.of(line("1", "A", "pulls", "19.99", 2)), "0", "39.98", "0"),
                Arguments.of("fixed amount", aPromotion("a").fixed("10.00").build(),
                        List.of(line("1", "A", "pulls", "33.33", 1), line("2", "B", "pulls", "33.33", 1),
                                line("3", "C", "pulls", "33.34", 1)), "0", "10.00", "0"),
                Arguments.of("fixed amount above the cart: the cart", aPromotion("a").fixed("50.00").build(),
                        List.of(line("1", "A", "pulls", "12.00", 2)), "4.90", "24.00", "0"),
                Arguments.of("free delivery", aPromotion("a").freeDelivery().build(),
                        List.of(line("1", "A", "pulls", "12.00", 2)), "4.90", "0", "4.90"),
                Arguments.of("buy 2 get 1: the cheapest unit", aPromotion("a").buyGet(2, 1).build(),
                        List.of(line("1", "A", "pulls", "10.00", 2), line("2", "B", "pulls", "5.00", 1)), "0", "5.00", "0"),
                Arguments.of("buy 2 get 1 on 7 units: 2 free", aPromotion("a").buyGet(2, 1).build(),
                        List.of(line("1", "A", "pulls", "10.00", 5), line("2", "B", "pulls", "7.00", 2)), "0", "14.00", "0"),
                Arguments.of("buy 1 get 1 on 4 units: the 2 cheapest", aPromotion("a").buyGet(1, 1).build(),
                        List.of(line("1", "A", "pulls", "30.00", 1), line("2", "B", "pulls", "20.00", 1),
                                line("3", "C", "pulls", "10.00", 2)), "0", "20.00", "0"),
                Arguments.of("tiers: first reached", aPromotion("a").tier("50.00", "5.00").tier("100.00", "15.00").build(),
                        List.of(line("1", "A", "pulls", "50.00", 1)), "0", "5.00", "0"),
                Arguments.of("tiers: highest reached", aPromotion("a").tier("50.00", "5.00").tier("100.00", "15.00").build(),
                        List.of(line("1", "A", "pulls", "60.00", 2)), "0", "15.00", "0"),
                Arguments.of("tiers: none reached", aPromotion("a").tier("50.00", "5.00").tier("100.00", "15.00").build(),
                        List.of(line("1", "A", "pulls", "49.99", 1)), "0", "0", "0"),
                Arguments.of("category covers its sub-categories", aPromotion("a").percent("10").category("vetements").build(),
                        List.of(line("1", "A", "pulls-laine", "20.00", 1), line("2", "B", "cuisine", "50.00", 1)), "0", "2.00", "0"),
                Arguments.of("category elsewhere: nothing", aPromotion("a").percent("10").category("cuisine").build(),
                        List.of(line("1", "A", "pulls", "20.00", 1)), "0", "0", "0"),
                Arguments.of("list of SKUs", aPromotion("a").fixed("5.00").skus("B").build(),
                        List.of(line("1", "A", "pulls", "20.00", 1), line("2", "B", "pulls", "3.00", 1)), "0", "3.00", "0"),
                Arguments.of("minimum subtotal not reached", aPromotion("a").percent("10").minimum("60.00").build(),
                        List.of(line("1", "A", "pulls", "59.99", 1)), "0", "0", "0"),
                Arguments.of("minimum subtotal reached", aPromotion("a").percent("10").minimum("60.00").build(),
                        List.of(line("1", "A", "pulls", "60.00", 1)), "0", "6.00", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void appliesEachKindOfPromotion(String rule, Promotion promotion, List<PricingLine> lines, String delivery,
            String lineDiscounts, String deliveryDiscount) {
        PricedCart priced = price(cart(delivery, List.of(), lines.toArray(PricingLine[]::new)), promotion);

        assertThat(sumOfLines(priced)).isEqualTo(Money.euros(lineDiscounts));
        assertThat(priced.deliveryDiscount()).isEqualTo(Money.euros(deliveryDiscount));
        assertThat(priced.rejected()).isEmpty();
        Money expected = Money.euros(lineDiscounts).plus(Money.euros(deliveryDiscount));
        if (expected.isPositive()) {
            assertThat(priced.applied()).singleElement().satisfies(applied -> assertThat(applied.amount()).isEqualTo(expected));
        } else if (promotion.kind() != PromotionKind.FREE_DELIVERY) {
            assertThat(priced.applied()).isEmpty();
        }
        priced.lineDiscounts().forEach((id, discount) -> assertThat(discount)
                .isLessThanOrEqualTo(lines.stream().filter(l -> l.lineId().equals(id)).findFirst().orElseThrow().total()));
    }

    @Test
    void fixedAmountIsSpreadInProportionAndAddsUpToTheCent() {
        PricedCart priced = price(cart("0", List.of(), line("1", "A", "pulls", "33.33", 1), line("2", "B", "pulls", "33.33", 1),
                line("3", "C", "pulls", "33.34", 1)), aPromotion("a").fixed("10.00").build());

        assertThat(priced.lineDiscounts()).containsEntry("1", Money.euros("3.33")).containsEntry("2", Money.euros("3.33"))
                .containsEntry("3", Money.euros("3.34"));
    }

    @Test
    void freeUnitsOfBuyXGetYGoToTheCheapestLine() {
        PricedCart priced = price(cart("0", List.of(), line("1", "A", "pulls", "10.00", 2), line("2", "B", "pulls", "5.00", 1)),
                aPromotion("a").buyGet(2, 1).build());

        assertThat(priced.lineDiscounts()).containsOnlyKeys("2").containsEntry("2", Money.euros("5.00"));
    }

    @Test
    void freeDeliveryWithoutADeliveryChosenYetStillApplies() {
        PricedCart priced = price(cart("0", List.of("LIVRAISON"), line("1", "A", "pulls", "10.00", 1)),
                aPromotion("a").code("LIVRAISON").freeDelivery().build());

        assertThat(priced.rejected()).isEmpty();
        assertThat(priced.applied()).singleElement().satisfies(a -> assertThat(a.amount()).isEqualTo(Money.euros("0")));
    }

    // Combinations and exclusivity

    @Test
    void combinablePromotionsStackInPriorityOrderOnWhatIsLeft() {
        PricedCart priced = price(cart("4.90", List.of(), line("1", "A", "pulls", "100.00", 1)),
                aPromotion("second").percent("10").priority(20).build(),
                aPromotion("first").fixed("50.00").priority(10).build(),
                aPromotion("delivery").freeDelivery().priority(30).build());

        assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly("first", "second", "delivery");
        assertThat(priced.applied()).extracting(AppliedPromotion::amount)
                .containsExactly(Money.euros("50.00"), Money.euros("5.00"), Money.euros("4.90"));
        assertThat(priced.lineDiscounts()).containsEntry("1", Money.euros("55.00"));
        assertThat(priced.totalDiscount()).isEqualTo(Money.euros("59.90"));
    }

    @Test
    void stackedDiscountsNeverExceedTheLine() {
        PricedCart priced = price(cart("0", List.of(), line("1", "A", "pulls", "20.00", 1), line("2", "B", "pulls", "0.01", 3)),
                aPromotion("a").percent("100").priority(1).build(), aPromotion("b").fixed("10.00").priority(2).build());

        assertThat(priced.lineDiscounts()).containsEntry("1", Money.euros("20.00")).containsEntry("2", Money.euros("0.03"));
        assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly("a");
    }

    @Test
    void theExclusivePromotionWinsWhenItSavesMoreAndTheCodesItBeatsAreRejected() {
        PricedCart priced = price(cart("4.90", List.of("DIX"), line("1", "A", "pulls", "100.00", 1)),
                aPromotion("ten").code("DIX").percent("10").build(),
                aPromotion("delivery").freeDelivery().build(),
                aPromotion("sale").percent("20").exclusive().build());

        assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly("sale");
        assertThat(priced.totalDiscount()).isEqualTo(Money.euros("20.00"));
        assertThat(priced.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.code()).isEqualTo("DIX");
            assertThat(rejected.reason().fr()).contains("ne se cumule pas avec « Promo sale »");
            assertThat(rejected.reason().en()).contains("cannot be combined with “Promo sale (en)”");
        });
    }

    @Test
    void theStackWinsWhenItSavesMoreThanTheExclusiveCode() {
        PricedCart priced = price(cart("4.90", List.of("VINGT"), line("1", "A", "pulls", "30.00", 1)),
                aPromotion("ten").percent("10").priority(1).build(),
                aPromotion("delivery").freeDelivery().priority(2).build(),
                aPromotion("twenty").code("VINGT").fixed("5.00").exclusive().build());

        assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly("ten", "delivery");
        assertThat(priced.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.code()).isEqualTo("VINGT");
            assertThat(rejected.reason().fr()).contains("« Promo ten »");
        });
    }

    @Test
    void twoExclusiveCodesNeverApplyTogether() {
        PricedCart priced = price(cart("0", List.of("A5", "B6"), line("1", "A", "pulls", "30.00", 1)),
                aPromotion("a").code("A5").fixed("5.00").exclusive().build(),
                aPromotion("b").code("B6").fixed("6.00").exclusive().build());

        assertThat(priced.applied()).extracting(AppliedPromotion::code).containsExactly("B6");
        assertThat(priced.rejected()).extracting(RejectedCode::code).containsExactly("A5");
    }

    @ParameterizedTest(name = "equal savings: priority {0} vs {1} -> {2}")
    @CsvSource({ "1, 2, first", "2, 1, second", "5, 5, first" })
    void equalSavingsAreDecidedByPriorityThenId(int firstPriority, int secondPriority, String winner) {
        for (int run = 0; run < 3; run++) {
            PricedCart priced = price(cart("0", List.of(), line("1", "A", "pulls", "30.00", 1)),
                    aPromotion("second").fixed("5.00").exclusive().priority(secondPriority).build(),
                    aPromotion("first").fixed("5.00").exclusive().priority(firstPriority).build());
            assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly(winner);
        }
    }

    // Codes

    static Stream<Arguments> refusedCodes() {
        Instant past = NOW.minus(Duration.ofDays(10));
        Instant future = NOW.plus(Duration.ofDays(10));
        return Stream.of(
                Arguments.of("unknown", aPromotion("x").code("AUTRE").percent("10").build(), Map.of(), "n’existe pas", "does not exist"),
                Arguments.of("expired", aPromotion("x").code("CODE").percent("10").validUntil(past).build(), Map.of(),
                        "a expiré le 30 avril 2026", "expired on 30 April 2026"),
                Arguments.of("expired at the exact end", aPromotion("x").code("CODE").percent("10").validUntil(NOW).build(), Map.of(),
                        "a expiré", "expired"),
                Arguments.of("not yet valid", aPromotion("x").code("CODE").percent("10").validFrom(future).build(), Map.of(),
                        "valable à partir du 20 mai 2026", "valid from 20 May 2026"),
                Arguments.of("minimum not reached", aPromotion("x").code("CODE").percent("10").minimum("100.00").build(), Map.of(),
                        "à partir de 100,00", "from €100.00"),
                Arguments.of("tier not reached", aPromotion("x").code("CODE").tier("80.00", "10.00").build(), Map.of(),
                        "à partir de 80,00", "from €80.00"),
                Arguments.of("usage limit reached", aPromotion("x").code("CODE").percent("10").usageLimit(5, 5).build(), Map.of(),
                        "nombre maximal d’utilisations", "maximum number of uses"),
                Arguments.of("customer's limit reached", aPromotion("x").code("CODE").percent("10").perCustomer(1).build(),
                        Map.of("x", 1), "déjà utilisé ce code", "already used this code"),
                Arguments.of("deactivated", aPromotion("x").code("CODE").percent("10").deactivated().build(), Map.of(),
                        "n’est plus valable", "no longer valid"),
                Arguments.of("nothing eligible", aPromotion("x").code("CODE").percent("10").category("cuisine").build(), Map.of(),
                        "Aucun article", "No item"),
                Arguments.of("too few units", aPromotion("x").code("CODE").buyGet(3, 1).build(), Map.of(),
                        "Aucun article", "No item"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCodes")
    void refusesCodesThatDoNotApplyWithAClearReason(String rule, Promotion promotion, Map<String, Integer> customerUses,
            String french, String english) {
        PricedCart priced = price(cart("0", List.of(" code "), line("1", "A", "pulls", "50.00", 1)), customerUses, promotion);

        assertThat(priced.applied()).isEmpty();
        assertThat(priced.totalDiscount()).isEqualTo(Money.euros("0"));
        assertThat(priced.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.code()).isEqualTo("CODE");
            assertThat(rejected.reason().fr()).contains(french);
            assertThat(rejected.reason().en()).contains(english);
        });
    }

    @Test
    void codesAreCaseInsensitiveAndCountOnceWhenEnteredTwice() {
        PricedCart priced = price(cart("0", List.of("bienvenue10", "BIENVENUE10"), line("1", "A", "pulls", "50.00", 1)),
                aPromotion("w").code("BIENVENUE10").percent("10").build());

        assertThat(priced.applied()).singleElement().satisfies(a -> assertThat(a.amount()).isEqualTo(Money.euros("5.00")));
        assertThat(priced.rejected()).isEmpty();
    }

    @Test
    void automaticPromotionsThatDoNotQualifyAreLeftOutSilently() {
        PricedCart priced = price(cart("0", List.of(), line("1", "A", "pulls", "50.00", 1)),
                aPromotion("expired").percent("10").validUntil(NOW.minusSeconds(1)).build(),
                aPromotion("later").percent("10").validFrom(NOW.plusSeconds(1)).build(),
                aPromotion("used-up").percent("10").usageLimit(1, 1).build(),
                aPromotion("off").percent("10").deactivated().build(),
                aPromotion("big").percent("10").minimum("100.00").build(),
                aPromotion("valid").percent("10").validFrom(NOW).validUntil(NOW.plusSeconds(1)).build());

        assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly("valid");
        assertThat(priced.rejected()).isEmpty();
    }

    @Test
    void anEmptyCartOrNoPromotionGivesNothing() {
        PricedCart empty = price(cart("4.90", List.of()), aPromotion("a").percent("10").build());
        PricedCart none = price(cart("4.90", List.of(), line("1", "A", "pulls", "50.00", 1)));

        assertThat(empty.totalDiscount()).isEqualTo(Money.euros("0"));
        assertThat(none.totalDiscount()).isEqualTo(Money.euros("0"));
        assertThat(none.applied()).isEmpty();
    }

    // Rounding: whatever the cart, line discounts add up to each promotion's amount

    @Test
    void lineDiscountsAlwaysAddUpToThePromotionsAndStayWithinTheLines() {
        Random random = new Random(42);
        for (int run = 0; run < 500; run++) {
            int count = 1 + random.nextInt(30);
            List<PricingLine> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add(line("l" + i, "S" + i, i % 2 == 0 ? "pulls" : "cuisine",
                        BigDecimal.valueOf(1 + random.nextInt(20_000), 2).toPlainString(), 1 + random.nextInt(5)));
            }
            Promotion promotion = switch (run % 4) {
                case 0 -> aPromotion("p").percent(BigDecimal.valueOf(1 + random.nextInt(10_000), 2).toPlainString()).build();
                case 1 -> aPromotion("p").fixed(BigDecimal.valueOf(1 + random.nextInt(50_000), 2).toPlainString()).build();
                case 2 -> aPromotion("p").tier("10.00", BigDecimal.valueOf(1 + random.nextInt(1_000), 2).toPlainString()).build();
                default -> aPromotion("p").percent("33.33").category("vetements").build();
            };
            PricedCart priced = price(new PricingRequest(lines, Money.euros("0"), List.of(), null, NOW), promotion,
                    aPromotion("q").fixed("7.77").priority(200).build());

            Money applied = priced.applied().stream().map(AppliedPromotion::amount).reduce(Money.zero(Money.EUR), Money::plus);
            assertThat(sumOfLines(priced)).as("run %d", run).isEqualTo(applied);
            for (PricingLine line : lines) {
                Money discount = priced.lineDiscounts().getOrDefault(line.lineId(), Money.zero(Money.EUR));
                assertThat(discount).as("run %d line %s", run, line.lineId()).isLessThanOrEqualTo(line.total());
                assertThat(discount.isRoundedToMinorUnit()).isTrue();
            }
        }
    }

    @Test
    void spreadingFollowsMoneyAllocate() {
        Random random = new Random(7);
        for (int run = 0; run < 1_000; run++) {
            int n = 1 + random.nextInt(30);
            long[] weights = new long[n];
            boolean[] eligible = new boolean[n];
            Arrays.fill(eligible, true);
            for (int i = 0; i < n; i++) {
                weights[i] = 1 + random.nextInt(run % 2 == 0 ? 10 : 1_000_000);
            }
            long amount = 1 + random.nextInt(1_000_000);
            long[] spread = new long[n];
            PromotionEngine.spread(amount, weights, eligible, spread);

            List<Money> allocated = Money.ofMinor(amount, Money.EUR).allocate(weights);
            assertThat(Arrays.stream(spread).mapToObj(cents -> Money.ofMinor(cents, Money.EUR)).toList())
                    .as("run %d", run).isEqualTo(allocated);
        }
    }

    @ParameterizedTest(name = "{1} hundredths of a percent of {0} cents = {2}")
    @CsvSource({ "6497, 1000, 650", "20, 1250, 3", "19, 1250, 2", "100, 333, 3", "1, 5000, 1", "1, 4999, 0",
            "9223372036854775, 10000, 9223372036854775" })
    void percentagesRoundHalfUpToTheCent(long cents, long hundredths, long expected) {
        assertThat(PromotionEngine.percentOf(cents, hundredths)).isEqualTo(expected);
    }
}
