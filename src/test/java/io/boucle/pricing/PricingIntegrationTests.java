package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class PricingIntegrationTests {

    @Autowired
    Pricing pricing;

    @Autowired
    Catalog catalog;

    @Autowired
    MutableClock clock;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);

    PromotionDraft code(String code, String percent, Integer usageLimit, Integer perCustomerLimit) {
        return new PromotionDraft(code, LocalizedText.of("Code " + code, "Code " + code), PromotionKind.PERCENTAGE,
                new BigDecimal(percent), null, null, null, null, null, List.of("SKU-" + id), null, null, null, usageLimit,
                perCustomerLimit, true, 100);
    }

    PricingRequest cart(String code, String email) {
        return new PricingRequest(List.of(new PricingLine("1", "SKU-" + id, "p", null, Money.euros("50.00"), 1)),
                Money.euros("4.90"), code == null ? List.of() : List.of(code), email, Instant.now(clock));
    }

    void product() {
        String category = "pricing-" + id.toLowerCase(Locale.ROOT);
        catalog.addCategory(category, null, 99, LocalizedText.of("Tarifs", "Pricing"), LocalizedText.of("", ""));
        catalog.add(new NewProduct("produit-" + id.toLowerCase(Locale.ROOT), category, null, "STANDARD",
                LocalizedText.of("Produit " + id, "Product " + id), LocalizedText.of("", ""),
                List.of(new NewProduct.NewVariant("SKU-" + id, null, Money.euros("50.00"), 100, null)), List.of(), null, false, true));
    }

    // Promotions in the snapshot

    @Test
    void aNewPromotionAppliesAtOnceAndADeactivatedOneNoLonger() {
        product();
        Promotion created = pricing.create(code("c" + id, "10", null, null));
        assertThat(created.code()).isEqualTo("C" + id);

        PricedCart priced = pricing.price(cart("c" + id.toLowerCase(Locale.ROOT), null));
        assertThat(priced.applied()).extracting(AppliedPromotion::promotionId).containsExactly(created.id());
        assertThat(priced.lineDiscounts()).containsEntry("1", Money.euros("5.00"));

        pricing.deactivate(created.id());
        PricedCart after = pricing.price(cart("C" + id, null));
        assertThat(after.applied()).isEmpty();
        assertThat(after.rejected()).singleElement().satisfies(r -> assertThat(r.reason().en()).contains("no longer valid"));
        assertThat(pricing.promotion(created.id()).orElseThrow().status(Instant.now(clock))).isEqualTo(PromotionStatus.DEACTIVATED);
    }

    @Test
    void codesAreUniqueWithoutCase() {
        product();
        pricing.create(code("DUP" + id, "10", null, null));
        assertThatThrownBy(() -> pricing.create(code("dup" + id, "20", null, null)))
                .isInstanceOf(DuplicatePromotionCode.class).hasMessageContaining("DUP" + id);
    }

    @Test
    void validityFollowsTheClock() {
        product();
        Instant now = Instant.now(clock);
        PromotionDraft draft = code("LATER" + id, "10", null, null);
        pricing.create(new PromotionDraft(draft.code(), draft.label(), draft.kind(), draft.percent(), null, null, null, null, null,
                draft.skus(), null, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), null, null, true, 100));

        assertThat(pricing.price(cart("LATER" + id, null)).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason().en()).contains("valid from"));
        PricingRequest inAnHour = new PricingRequest(cart(null, null).lines(), Money.euros("0"), List.of("LATER" + id), null,
                now.plus(Duration.ofMinutes(90)));
        assertThat(pricing.price(inAnHour).applied()).hasSize(1);
    }

    // Redemptions

    @Test
    void twentyConcurrentOrdersOnACodeLimitedToFiveUsesGetExactlyFive() throws Exception {
        product();
        Promotion promotion = pricing.create(code("FIVE" + id, "10", 5, null));
        PricedCart priced = pricing.price(cart("FIVE" + id, null));
        assertThat(priced.applied()).hasSize(1);

        AtomicInteger refused = new AtomicInteger();
        int succeeded = concurrently(20, n -> {
            try {
                transactions.executeWithoutResult(status ->
                        pricing.redeem("ORDER-" + id + "-" + n, "buyer" + n + "-" + id + "@boucle.test", priced, Instant.now(clock)));
                return true;
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("usage limit of 5");
                refused.incrementAndGet();
                return false;
            }
        });

        assertThat(succeeded).isEqualTo(5);
        assertThat(refused.get()).isEqualTo(15);
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM pricing.redemption WHERE promotion_id = :id AND released_at IS NULL")
                .param("id", UUID.fromString(promotion.id())).query(Long.class).single()).isEqualTo(5);
        assertThat(pricing.promotion(promotion.id()).orElseThrow().status(Instant.now(clock))).isEqualTo(PromotionStatus.USED_UP);
        assertThat(pricing.price(cart("FIVE" + id, null)).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason().fr()).contains("nombre maximal d’utilisations"));
    }

    @Test
    void oneCustomerRacingTenOrdersOnAOncePerCustomerCodeGetsOne() throws Exception {
        product();
        Promotion promotion = pricing.create(code("ONCE" + id, "10", null, 1));
        PricedCart priced = pricing.price(cart("ONCE" + id, "Same-" + id + "@boucle.test"));
        assertThat(priced.applied()).hasSize(1);

        int succeeded = concurrently(10, n -> {
            try {
                // the same customer, written differently
                String email = (n % 2 == 0 ? "same-" : "SAME-") + id + "@boucle.test";
                transactions.executeWithoutResult(status -> pricing.redeem("ORDER-" + id + "-" + n, email, priced, Instant.now(clock)));
                return true;
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("limit per customer");
                return false;
            }
        });

        assertThat(succeeded).isEqualTo(1);
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).as("refused orders gave their use back").isEqualTo(1);
        assertThat(pricing.price(cart("ONCE" + id, "same-" + id + "@boucle.test")).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason().fr()).isEqualTo("Vous avez déjà utilisé ce code."));
        assertThat(pricing.price(cart("ONCE" + id, "other-" + id + "@boucle.test")).applied()).hasSize(1);
    }

    @Test
    void ordersOnAnUnlimitedPromotionDoNotQueueOnItsRowAndItsUsesAreCountedFromRedemptions() throws Exception {
        product();
        Promotion promotion = pricing.create(code("ALL" + id, "10", null, null));
        PricedCart priced = pricing.price(cart("ALL" + id, null));
        UUID promotionId = UUID.fromString(promotion.id());

        int succeeded = concurrently(8, n -> {
            transactions.executeWithoutResult(status ->
                    pricing.redeem("ORDER-" + id + "-" + n, "all" + n + "-" + id + "@boucle.test", priced, Instant.now(clock)));
            return true;
        });
        pricing.releaseRedemptions("ORDER-" + id + "-0");

        assertThat(succeeded).isEqualTo(8);
        assertThat(jdbc.sql("SELECT uses FROM pricing.promotion WHERE id = :id").param("id", promotionId)
                .query(Integer.class).single()).as("the promotion's row was never updated").isZero();
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isEqualTo(7);
        assertThat(pricing.promotions()).filteredOn(p -> p.id().equals(promotion.id())).singleElement()
                .satisfies(p -> assertThat(p.uses()).isEqualTo(7));
    }

    @Test
    void aLimitGivenLaterCountsTheUsesAlreadyMade() {
        product();
        Promotion promotion = pricing.create(code("LATER" + id, "10", null, null));
        PricedCart priced = pricing.price(cart("LATER" + id, null));
        pricing.redeem("ORDER-" + id + "-1", "l1-" + id + "@boucle.test", priced, Instant.now(clock));
        pricing.redeem("ORDER-" + id + "-2", "l2-" + id + "@boucle.test", priced, Instant.now(clock));

        pricing.update(promotion.id(), code("LATER" + id, "10", 3, null));

        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isEqualTo(2);
        pricing.redeem("ORDER-" + id + "-3", "l3-" + id + "@boucle.test", priced, Instant.now(clock));
        assertThatThrownBy(() -> pricing.redeem("ORDER-" + id + "-4", "l4-" + id + "@boucle.test", priced, Instant.now(clock)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("usage limit of 3");
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isEqualTo(3);
    }

    @Test
    void releasingGivesTheUsesBackOnceAndRedeemingTwiceCountsOnce() {
        product();
        Promotion promotion = pricing.create(code("BACK" + id, "10", 1, 1));
        PricedCart priced = pricing.price(cart("BACK" + id, "a-" + id + "@boucle.test"));
        String email = "a-" + id + "@boucle.test";

        pricing.redeem("ORDER-" + id, email, priced, Instant.now(clock));
        pricing.redeem("ORDER-" + id, email, priced, Instant.now(clock));
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isEqualTo(1);
        assertThatThrownBy(() -> pricing.redeem("ORDER-" + id + "-2", "b-" + id + "@boucle.test", priced, Instant.now(clock)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("usage limit of 1");

        pricing.releaseRedemptions("ORDER-" + id);
        pricing.releaseRedemptions("ORDER-" + id);
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isZero();

        pricing.redeem("ORDER-" + id + "-3", email, priced, Instant.now(clock));
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isEqualTo(1);
    }

    @Test
    void anExpiredPromotionCannotBeRedeemed() {
        product();
        Instant now = Instant.now(clock);
        PromotionDraft draft = code("SOON" + id, "10", null, null);
        Promotion promotion = pricing.create(new PromotionDraft(draft.code(), draft.label(), draft.kind(), draft.percent(), null,
                null, null, null, null, draft.skus(), null, null, now.plus(Duration.ofHours(1)), null, null, true, 100));
        PricedCart priced = pricing.price(cart("SOON" + id, null));

        assertThatThrownBy(() -> pricing.redeem("ORDER-" + id, "x-" + id + "@boucle.test", priced, now.plus(Duration.ofHours(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has expired");
        assertThat(pricing.promotion(promotion.id()).orElseThrow().uses()).isZero();
    }

    // Price history

    @Test
    void recordsAPriceOnlyWhenItChanges() {
        String sku = "HIST-" + id;
        Instant now = Instant.now(clock);
        pricing.recordPrice(sku, Money.euros("60.00"), now.minus(Duration.ofDays(25)));
        pricing.recordPrice(sku, Money.euros("60"), now.minus(Duration.ofDays(24)));
        pricing.recordPrice(sku, Money.euros("45.00"), now.minus(Duration.ofDays(10)));
        pricing.recordPrice(sku, Money.euros("45.00"), now.minus(Duration.ofDays(9)));

        assertThat(jdbc.sql("SELECT count(*) FROM pricing.price_history WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void domainRuleExampleThroughTheFacade() {
        String sku = "EX-" + id;
        Instant now = Instant.now(clock);
        pricing.recordPrice(sku, Money.euros("60.00"), now.minus(Duration.ofDays(25)));
        pricing.recordPrice(sku, Money.euros("45.00"), now.minus(Duration.ofDays(10)));

        assertThat(pricing.reduction(sku, Money.euros("40.00"), now)).hasValueSatisfying(reduction -> {
            assertThat(reduction.referencePrice()).isEqualTo(Money.euros("45.00"));
            assertThat(reduction.percent()).isEqualByComparingTo("11");
        });
        pricing.recordPrice(sku, Money.euros("40.00"), now);
        Instant fiveDaysLater = now.plus(Duration.ofDays(5));
        assertThat(pricing.reduction(sku, Money.euros("40.00"), fiveDaysLater)).as("the sale goes on")
                .map(PriceReduction::referencePrice).hasValue(Money.euros("45.00"));
        assertThat(pricing.reduction(sku, Money.euros("45.00"), fiveDaysLater)).isEmpty();
    }

    @Test
    void publishingAProductRecordsItsPrices() {
        product();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM pricing.price_history WHERE sku = :sku")
                .param("sku", "SKU-" + id).query(Long.class).single() == 1);
        assertThat(pricing.reduction("SKU-" + id, Money.euros("50.00"), Instant.now(clock))).isEmpty();
    }

    private interface Attempt {
        boolean run(int n) throws Exception;
    }

    /** Runs the attempts together, released at once; returns how many succeeded. */
    private static int concurrently(int count, Attempt attempt) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return attempt.run(n);
                };
                results.add(executor.submit(task));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                if (result.get()) {
                    succeeded++;
                }
            }
            return succeeded;
        } finally {
            executor.shutdownNow();
        }
    }
}
