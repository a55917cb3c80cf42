package io.boucle.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's figures for a range of days and the range of the same length just before it.
 * Rates are fractions (0.025 is 2.5 %), amounts are EUR. A figure without data is null.
 */
public record KpiReport(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, List<Kpi> kpis,
                        List<FunnelStep> funnel, List<PaymentMethodRow> paymentMethods, List<Decline> declines,
                        List<ChannelRow> channels, List<CohortRow> cohorts, List<ProductRow> topProducts,
                        List<DayPoint> days) {

    public enum Unit { COUNT, RATE, MONEY, RATIO }

    /** GOOD: within its healthy band; WATCH: outside it (an action is suggested); NONE: no band or no data. */
    public enum Health { GOOD, WATCH, NONE }

    /**
     * One figure.
     *
     * @param code   its name, also the key of its label, definition and action in the messages
     * @param action where to act when it is outside its band (a back-office address), else null
     */
    public record Kpi(String code, Unit unit, BigDecimal value, BigDecimal previous, Health health, String action) {

        /** The change from the previous period as a fraction, when both are known and the previous is not zero. */
        public BigDecimal change() {
            if (value == null || previous == null || previous.signum() == 0) {
                return null;
            }
            return value.subtract(previous).divide(previous.abs(), 4, java.math.RoundingMode.HALF_UP);
        }
    }

    /** Sessions that reached a step, its share of the sessions and what the step lost of the one before. */
    public record FunnelStep(String step, long sessions, BigDecimal ofSessions, BigDecimal dropFromPrevious) {
    }

    public record PaymentMethodRow(String method, long attempts, long captured, long challenged, BigDecimal successRate,
                                   BigDecimal challengeRate) {
    }

    public record Decline(String code, long attempts, BigDecimal shareOfFailures) {
    }

    /**
     * One acquisition channel: traffic and orders by last touch, new customers by first touch.
     *
     * @param ltvToCac null without spend or new customers; healthy from 3
     */
    public record ChannelRow(String channel, long sessions, long orders, BigDecimal revenue, long newCustomers,
                             BigDecimal spend, BigDecimal cac, BigDecimal ltv, BigDecimal ltvToCac, boolean healthy) {
    }

    /**
     * The customers whose first order fell in {@code month} (whole months: the cohort of the range's
     * last month counts its customers to date, like its activity).
     *
     * @param retention share of them who ordered in the cohort's month +0, +1, +2… up to the range's last month
     */
    public record CohortRow(LocalDate month, long customers, List<BigDecimal> retention) {
    }

    public record ProductRow(String slug, String title, long quantity, BigDecimal revenue) {
    }

    public record DayPoint(LocalDate day, long sessions, long orders, BigDecimal revenue) {
    }

    public Optional<Kpi> kpi(String code) {
        return kpis.stream().filter(k -> k.code().equals(code)).findFirst();
    }

    public BigDecimal value(String code) {
        return kpi(code).map(Kpi::value).orElse(null);
    }
}
