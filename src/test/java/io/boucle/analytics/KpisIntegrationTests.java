package io.boucle.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.boucle.analytics.KpiReport.Health;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every KPI computed on a small dataset built by hand (in March 2019, a range no other test
 * writes to), compared with the figures worked out by hand in the comments.
 *
 * <pre>
 * Sessions (range 2019-03-01 … 2019-03-10; previous range 2019-02-19 … 2019-02-28)
 *   2019-03-05  S1 V1 email        visit, 2 product views, add to cart, cart, details, confirm, placed → O1 paid
 *               S2 V2 paid_search  visit, product view, add to cart, cart (abandons)
 *               S3 V3 organic      visit, search, product view
 *               S4 V1 direct       visit
 *               S5 V4 paid_search  visit, product view, add to cart, cart, details, confirm, placed → O2 paid
 *   2019-03-06  S6 V5 organic      visit, product view, add to cart, cart, details, confirm, placed → O3 paid
 *               S7…S10 V6…V9 direct  visit
 * Orders (customer = email hash; amounts incl. VAT)
 *   2019-02-25 O0 customer C, new, first/last direct,            total  30.00, VAT  5.00, tasse ×1 30.00
 *   2019-03-05 O1 customer A, new, first/last email,             total 120.00, VAT 20.00, theiere ×2 100.00, tasse ×1 20.00
 *   2019-03-05 O2 customer B, new, first/last paid_search,       total  60.00, VAT 10.00, veste (used) ×1 60.00, margin 25.00;
 *              cancelled and refunded in full (not a return)
 *   2019-03-06 O3 customer A, returning, first/last organic,     total  90.00, VAT 15.00, theiere ×1 50.00, veste-2 (used) ×1 40.00, margin 15.00
 * Returns accepted: O1 a withdrawal of 1 tasse (03-12, after the range) and a defect of 1 théière (03-20): one returned order;
 *                   O3 a withdrawal of the théière (03-09), told twice; O0 none
 * Payments: 03-05 card captured (challenged), card failed card_declined, card captured, wallet captured;
 *           03-06 wallet failed insufficient_funds
 * Spend: 03-05 email 50.00, paid_search 100.00; 03-06 paid_search 50.00
 * </pre>
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpisIntegrationTests {

    static final LocalDate FROM = LocalDate.of(2019, 3, 1);
    static final LocalDate TO = LocalDate.of(2019, 3, 10);

    @Autowired
    Tracking tracking;

    @Autowired
    Facts facts;

    @Autowired
    Rollups rollups;

    @Autowired
    Kpis kpis;

    @Autowired
    MarketingSpend spend;

    @Autowired
    JdbcClient jdbc;

    KpiReport report;

    @BeforeAll
    void handBuiltDataset() {
        if (jdbc.sql("SELECT count(*) FROM analytics.order_fact WHERE order_number = 'H2019-O1'").query(Long.class).single() == 0) {
            Instant d5 = Instant.parse("2019-03-05T10:00:00Z");
            Instant d6 = Instant.parse("2019-03-06T10:00:00Z");
            UUID v1 = UUID.randomUUID();
            UUID s1 = session(d5, v1, Channel.EMAIL, EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                    EventType.CHECKOUT_CART, EventType.CHECKOUT_DETAILS, EventType.CHECKOUT_CONFIRM, EventType.ORDER_PLACED);
            session(d5, UUID.randomUUID(), Channel.PAID_SEARCH, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.CHECKOUT_CART);
            session(d5, UUID.randomUUID(), Channel.ORGANIC_SEARCH, EventType.SEARCH, EventType.PRODUCT_VIEW);
            session(d5, v1, Channel.DIRECT);
            UUID s5 = session(d5, UUID.randomUUID(), Channel.PAID_SEARCH, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                    EventType.CHECKOUT_CART, EventType.CHECKOUT_DETAILS, EventType.CHECKOUT_CONFIRM, EventType.ORDER_PLACED);
            UUID s6 = session(d6, UUID.randomUUID(), Channel.ORGANIC_SEARCH, EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                    EventType.CHECKOUT_CART, EventType.CHECKOUT_DETAILS, EventType.CHECKOUT_CONFIRM, EventType.ORDER_PLACED);
            for (int i = 0; i < 4; i++) {
                session(d6, UUID.randomUUID(), Channel.DIRECT);
            }
            tracking.flush();

            order("H2019-O0", "2019-02-25T10:00:00Z", "hand-C", null, Channel.DIRECT, Channel.DIRECT, "30.00", "5.00", "0", "0",
                    new Facts.LineRecord("hand-tasse", "Tasse", 1, new BigDecimal("30.00"), false));
            order("H2019-O1", "2019-03-05T10:30:00Z", "hand-A", s1, Channel.EMAIL, Channel.EMAIL, "120.00", "20.00", "0", "0",
                    new Facts.LineRecord("hand-theiere", "Théière", 2, new BigDecimal("100.00"), false),
                    new Facts.LineRecord("hand-tasse", "Tasse", 1, new BigDecimal("20.00"), false));
            order("H2019-O2", "2019-03-05T11:30:00Z", "hand-B", s5, Channel.PAID_SEARCH, Channel.PAID_SEARCH, "60.00", "10.00",
                    "60.00", "25.00", new Facts.LineRecord("hand-veste", "Veste", 1, new BigDecimal("60.00"), true));
            order("H2019-O3", "2019-03-06T10:30:00Z", "hand-A", s6, Channel.ORGANIC_SEARCH, Channel.ORGANIC_SEARCH, "90.00",
                    "15.00", "40.00", "15.00", new Facts.LineRecord("hand-theiere", "Théière", 1, new BigDecimal("50.00"), false),
                    new Facts.LineRecord("hand-veste-2", "Veste 2", 1, new BigDecimal("40.00"), true));
            facts.recordRefund("H2019-O2", new BigDecimal("60.00"));
            assertThat(facts.recordReturn("hand-r1", "H2019-O1", "withdrawal", 1, Instant.parse("2019-03-12T09:00:00Z"))).isTrue();
            assertThat(facts.recordReturn("hand-r2", "H2019-O1", "conformity", 1, Instant.parse("2019-03-20T09:00:00Z"))).isTrue();
            assertThat(facts.recordReturn("hand-r3", "H2019-O3", "withdrawal", 1, Instant.parse("2019-03-09T09:00:00Z"))).isTrue();
            // the same return told twice counts once
            assertThat(facts.recordReturn("hand-r3", "H2019-O3", "withdrawal", 1, Instant.parse("2019-03-09T09:00:00Z"))).isFalse();
            // the same order told twice counts once
            assertThat(facts.recordOrder(new Facts.OrderRecord("H2019-O1", Instant.parse("2019-03-05T10:30:00Z"), "hand-A", s1,
                    Channel.EMAIL, Channel.EMAIL, new BigDecimal("120.00"), new BigDecimal("20.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                    List.of()))).isFalse();

            facts.recordPayment("hand-p1", d5, "card", true, null, true);
            facts.recordPayment("hand-p2", d5, "card", false, "card_declined", false);
            facts.recordPayment("hand-p3", d5, "card", true, null, false);
            facts.recordPayment("hand-p4", d5, "wallet", true, null, false);
            facts.recordPayment("hand-p5", d6, "wallet", false, "insufficient_funds", false);

            spend.importCsv("""
                    day;channel;amount
                    2019-03-05;email;50,00
                    2019-03-05;paid_search;100
                    2019-03-06;paid_search;50.00
                    """);
        }
        rollups.refresh();
        report = kpis.report(FROM, TO);
    }

    private UUID session(Instant at, UUID visitor, String channel, EventType... types) {
        UUID session = UUID.randomUUID();
        tracking.record(new TrackedEvent(at, EventType.VISIT, visitor, session, channel, "/", null, null, null, null, null));
        for (EventType type : types) {
            at = at.plusSeconds(10);
            tracking.record(TrackedEvent.of(at, type, visitor, session, channel, "/x", null));
        }
        return session;
    }

    private void order(String number, String paidAt, String customer, UUID session, String first, String last, String total,
            String vat, String secondHand, String margin, Facts.LineRecord... lines) {
        assertThat(facts.recordOrder(new Facts.OrderRecord(number, Instant.parse(paidAt), customer, session, first, last,
                new BigDecimal(total), new BigDecimal(vat), new BigDecimal(secondHand), new BigDecimal(margin), List.of(lines)))).isTrue();
    }

    private BigDecimal value(String code) {
        return report.value(code);
    }

    @Test
    void trafficAndConversion() {
        // visitors: 03-05 V1 V2 V3 V4 = 4 (V1 twice counts once that day), 03-06 V5…V9 = 5 → 9
        assertThat(value("visitors")).isEqualByComparingTo("9");
        // sessions: 5 + 5
        assertThat(value("sessions")).isEqualByComparingTo("10");
        // sessions with a paid order: S1, S5, S6 → 3 / 10
        assertThat(value("conversion_rate")).isEqualByComparingTo("0.3000");
        // sessions that added to the cart: S1, S2, S5, S6 → 1 − 3/4
        assertThat(value("cart_abandonment_rate")).isEqualByComparingTo("0.2500");
        assertThat(report.kpi("conversion_rate").orElseThrow().health()).isEqualTo(Health.GOOD);
    }

    @Test
    void checkoutFunnelPerStep() {
        // sessions 10, product 5 (S1 S2 S3 S5 S6), cart added 4, step 1: 4, step 2: 3, step 3: 3, placed 3, paid 3
        assertThat(report.funnel()).extracting(KpiReport.FunnelStep::sessions).containsExactly(10L, 5L, 4L, 4L, 3L, 3L, 3L, 3L);
        // product → add to cart loses 1 of 5; cart → details loses 1 of 4
        assertThat(report.funnel().get(2).dropFromPrevious()).isEqualByComparingTo("0.2000");
        assertThat(report.funnel().get(4).dropFromPrevious()).isEqualByComparingTo("0.2500");
        assertThat(report.funnel().get(7).ofSessions()).isEqualByComparingTo("0.3000");
    }

    @Test
    void paymentSuccessByMethodDeclinesAndChallenges() {
        // 5 attempts, 3 captured → 0.6 (below 0.85: watch, check the provider), 1 challenged → 0.2
        assertThat(value("payment_success_rate")).isEqualByComparingTo("0.6000");
        assertThat(report.kpi("payment_success_rate").orElseThrow().health()).isEqualTo(Health.WATCH);
        assertThat(report.kpi("payment_success_rate").orElseThrow().action()).isEqualTo("/admin/orders");
        assertThat(value("challenge_rate")).isEqualByComparingTo("0.2000");
        // card: 3 attempts, 2 captured (0.6667), 1 challenged (0.3333); wallet: 2, 1 (0.5), 0
        assertThat(report.paymentMethods()).extracting(KpiReport.PaymentMethodRow::method).containsExactly("card", "wallet");
        assertThat(report.paymentMethods().get(0).successRate()).isEqualByComparingTo("0.6667");
        assertThat(report.paymentMethods().get(0).challengeRate()).isEqualByComparingTo("0.3333");
        assertThat(report.paymentMethods().get(1).successRate()).isEqualByComparingTo("0.5000");
        // 2 failures: one each → half each
        assertThat(report.declines()).extracting(KpiReport.Decline::code).containsExactly("card_declined", "insufficient_funds");
        assertThat(report.declines().get(0).shareOfFailures()).isEqualByComparingTo("0.5000");
    }

    @Test
    void ordersRevenueAndAverageOrder() {
        // O1 + O2 + O3
        assertThat(value("orders")).isEqualByComparingTo("3");
        // 120 + 60 + 90 = 270; VAT 20 + 10 + 15 = 45 → 225 excl.
        assertThat(value("revenue_incl_vat")).isEqualByComparingTo("270.00");
        assertThat(value("revenue_excl_vat")).isEqualByComparingTo("225.00");
        // 270 / 3
        assertThat(value("aov")).isEqualByComparingTo("90.00");
        // previous range: O0 alone, 30.00; 90 ≥ 0.9 × 30 → healthy
        assertThat(report.kpi("aov").orElseThrow().previous()).isEqualByComparingTo("30.00");
        assertThat(report.kpi("aov").orElseThrow().change()).isEqualByComparingTo("2.0000");
        assertThat(report.kpi("aov").orElseThrow().health()).isEqualTo(Health.GOOD);
        assertThat(report.previousFrom()).isEqualTo(LocalDate.of(2019, 2, 19));
        assertThat(report.previousTo()).isEqualTo(LocalDate.of(2019, 2, 28));
    }

    @Test
    void newAndReturningCustomersAndRepeatPurchase() {
        // O1 (A) and O2 (B) are first orders; O3 is A's second
        assertThat(value("new_customers")).isEqualByComparingTo("2");
        assertThat(value("returning_orders")).isEqualByComparingTo("1");
        // acquired in the range: A (ordered again) and B → 1 / 2
        assertThat(value("repeat_purchase_rate")).isEqualByComparingTo("0.5000");
    }

    @Test
    void acquisitionCostLifetimeValueAndTheirRatio() {
        // spend 50 + 100 + 50 = 200 for 2 new customers
        assertThat(value("marketing_spend")).isEqualByComparingTo("200.00");
        assertThat(value("cac")).isEqualByComparingTo("100.00");
        // customers acquired up to 03-10: A 100 + 75 = 175 (2 orders), B 50 (1), C 25 (1) → 250 / 3
        assertThat(value("ltv_historical")).isEqualByComparingTo("83.33");
        // average order excl. VAT 250 / 4 = 62.50; 1 of 3 ordered twice → 62.50 / (1 − 0.3333) = 93.7453… → 93.75
        assertThat(value("ltv_projected")).isEqualByComparingTo("93.75");
        // 93.75 / 100 = 0.9375 → 0.94, below 3:1
        assertThat(value("ltv_cac")).isEqualByComparingTo("0.94");
        assertThat(report.kpi("ltv_cac").orElseThrow().health()).isEqualTo(Health.WATCH);
        assertThat(report.kpi("ltv_cac").orElseThrow().action()).isEqualTo("/admin/kpis/spend");
        // email: 50 for A → CAC 50; A's average order 87.50, ordered again (share 1, capped 0.9) → 87.50 / 0.1 = 875 → 17.50
        KpiReport.ChannelRow email = channel(Channel.EMAIL);
        assertThat(email.cac()).isEqualByComparingTo("50.00");
        assertThat(email.ltv()).isEqualByComparingTo("875.00");
        assertThat(email.ltvToCac()).isEqualByComparingTo("17.50");
        assertThat(email.healthy()).isTrue();
        // paid search: 150 for B → CAC 150; LTV 50 (no second order) → 0.33, not healthy; 2 sessions, O2 by last touch
        KpiReport.ChannelRow paid = channel(Channel.PAID_SEARCH);
        assertThat(paid.cac()).isEqualByComparingTo("150.00");
        assertThat(paid.ltvToCac()).isEqualByComparingTo("0.33");
        assertThat(paid.healthy()).isFalse();
        assertThat(paid.sessions()).isEqualTo(2);
        assertThat(paid.orders()).isEqualTo(1);
        assertThat(paid.revenue()).isEqualByComparingTo("50.00");
    }

    @Test
    void returnsAndSecondHand() {
        // orders of the range with an accepted return: O1 (two returns, one order) and O3; O2's refund is a cancellation
        // → 2 / 3 = 0.6667, above 10 %: watch, product pages; previous range: O0, no return → 0
        assertThat(value("return_rate")).isEqualByComparingTo("0.6667");
        assertThat(report.kpi("return_rate").orElseThrow().health()).isEqualTo(Health.WATCH);
        assertThat(report.kpi("return_rate").orElseThrow().action()).isEqualTo("/admin/products");
        assertThat(report.kpi("return_rate").orElseThrow().previous()).isEqualByComparingTo("0");
        // used items 60 + 40 = 100 of 270 → 0.3704; margin 25 + 15
        assertThat(value("second_hand_share")).isEqualByComparingTo("0.3704");
        assertThat(value("second_hand_margin")).isEqualByComparingTo("40.00");
    }

    @Test
    void cohortRetentionAndTopProducts() {
        // cohort 2019-02: C (1), active in Feb, not in March; cohort 2019-03: A and B, both active in March
        assertThat(report.cohorts()).extracting(KpiReport.CohortRow::month)
                .containsExactly(LocalDate.of(2019, 2, 1), LocalDate.of(2019, 3, 1));
        assertThat(report.cohorts().get(0).retention()).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ONE, BigDecimal.ZERO);
        assertThat(report.cohorts().get(1).customers()).isEqualTo(2);
        assertThat(report.cohorts().get(1).retention()).usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ONE);
        // théière 100 + 50 (3 sold), veste 60, veste 2 40, tasse 20
        assertThat(report.topProducts()).extracting(KpiReport.ProductRow::slug)
                .containsExactly("hand-theiere", "hand-veste", "hand-veste-2", "hand-tasse");
        assertThat(report.topProducts().getFirst().quantity()).isEqualTo(3);
        assertThat(report.topProducts().getFirst().revenue()).isEqualByComparingTo("150.00");
    }

    @Test
    void dailySeriesCoverEveryDayOfTheRange() {
        assertThat(report.days()).hasSize(10);
        KpiReport.DayPoint fifth = report.days().get(4);
        assertThat(fifth.day()).isEqualTo(LocalDate.of(2019, 3, 5));
        assertThat(fifth.sessions()).isEqualTo(5);
        assertThat(fifth.orders()).isEqualTo(2);
        assertThat(fifth.revenue()).isEqualByComparingTo("180.00");
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> kpis.report(TO, FROM)).hasMessage("to: on or after from");
        assertThatThrownBy(() -> kpis.report(FROM, FROM.plusDays(Kpis.MAX_DAYS))).hasMessageContaining("at most");
    }

    private KpiReport.ChannelRow channel(String code) {
        return report.channels().stream().filter(c -> c.channel().equals(code)).findFirst().orElseThrow();
    }
}
