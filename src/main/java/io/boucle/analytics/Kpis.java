package io.boucle.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.boucle.analytics.KpiReport.ChannelRow;
import io.boucle.analytics.KpiReport.CohortRow;
import io.boucle.analytics.KpiReport.DayPoint;
import io.boucle.analytics.KpiReport.Decline;
import io.boucle.analytics.KpiReport.FunnelStep;
import io.boucle.analytics.KpiReport.Health;
import io.boucle.analytics.KpiReport.Kpi;
import io.boucle.analytics.KpiReport.PaymentMethodRow;
import io.boucle.analytics.KpiReport.ProductRow;
import io.boucle.analytics.KpiReport.Unit;
import io.boucle.shared.InvalidField;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the dashboard's KPIs for a range of days from the daily rollups (never from the raw
 * events), with the previous range of the same length for comparison. Every formula is written
 * out in docs/analytics.md; the healthy bands are below.
 */
@Service
public class Kpis {

    /** The longest range asked at once. */
    public static final int MAX_DAYS = 732;

    static final BigDecimal MIN_CONVERSION = new BigDecimal("0.015");
    static final BigDecimal MAX_CART_ABANDONMENT = new BigDecimal("0.75");
    static final BigDecimal MIN_PAYMENT_SUCCESS = new BigDecimal("0.85");
    static final BigDecimal MAX_CHALLENGE = new BigDecimal("0.30");
    static final BigDecimal MIN_LTV_CAC = new BigDecimal("3");
    static final BigDecimal MIN_REPEAT = new BigDecimal("0.20");
    static final BigDecimal MAX_RETURN = new BigDecimal("0.10");
    static final BigDecimal AOV_DROP = new BigDecimal("0.90");
    /** The projection counts at most this share of customers coming back (at most 10 orders expected). */
    static final BigDecimal MAX_REPEAT_FOR_PROJECTION = new BigDecimal("0.90");

    private final JdbcClient jdbc;

    Kpis(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Checks a range typed by someone: both days, in order, at most {@link #MAX_DAYS}. */
    public static void check(LocalDate from, LocalDate to) {
        if (from == null) {
            throw new InvalidField("from", "a date such as 2026-03-01");
        }
        if (to == null) {
            throw new InvalidField("to", "a date such as 2026-03-31");
        }
        if (to.isBefore(from)) {
            throw new InvalidField("to", "on or after from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new InvalidField("to", "at most " + MAX_DAYS + " days after from");
        }
    }

    @Transactional(readOnly = true)
    public KpiReport report(LocalDate from, LocalDate to) {
        check(from, to);
        long length = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(length - 1);
        Figures now = figures(from, to);
        Figures before = figures(previousFrom, previousTo);
        List<Kpi> kpis = new ArrayList<>();
        kpis.add(kpi("visitors", Unit.COUNT, now.traffic.visitors, before.traffic.visitors, null));
        kpis.add(kpi("sessions", Unit.COUNT, now.traffic.sessions, before.traffic.sessions, null));
        kpis.add(kpi("conversion_rate", Unit.RATE, now.conversion(), before.conversion(), low(now.conversion(), MIN_CONVERSION, "/admin/products")));
        kpis.add(kpi("cart_abandonment_rate", Unit.RATE, now.cartAbandonment(), before.cartAbandonment(),
                high(now.cartAbandonment(), MAX_CART_ABANDONMENT, "/admin/delivery-methods")));
        kpis.add(kpi("payment_success_rate", Unit.RATE, now.paymentSuccess(), before.paymentSuccess(),
                low(now.paymentSuccess(), MIN_PAYMENT_SUCCESS, "/admin/orders")));
        kpis.add(kpi("challenge_rate", Unit.RATE, now.challengeRate(), before.challengeRate(), high(now.challengeRate(), MAX_CHALLENGE, "/admin/orders")));
        kpis.add(kpi("orders", Unit.COUNT, now.sales.orders, before.sales.orders, null));
        Band aovBand = now.aov() == null || before.aov() == null ? null
                : new Band(now.aov().compareTo(before.aov().multiply(AOV_DROP)) >= 0, "/admin/promotions");
        kpis.add(kpi("aov", Unit.MONEY, now.aov(), before.aov(), aovBand));
        kpis.add(kpi("revenue_incl_vat", Unit.MONEY, now.sales.total, before.sales.total, null));
        kpis.add(kpi("revenue_excl_vat", Unit.MONEY, now.revenueExcl(), before.revenueExcl(), null));
        kpis.add(kpi("new_customers", Unit.COUNT, now.sales.newCustomers, before.sales.newCustomers, null));
        kpis.add(kpi("returning_orders", Unit.COUNT, now.sales.orders - now.sales.newCustomers,
                before.sales.orders - before.sales.newCustomers, null));
        kpis.add(kpi("repeat_purchase_rate", Unit.RATE, now.repeatRate(), before.repeatRate(), low(now.repeatRate(), MIN_REPEAT, "/admin/promotions")));
        kpis.add(kpi("marketing_spend", Unit.MONEY, now.spendTotal(), before.spendTotal(), null));
        kpis.add(kpi("cac", Unit.MONEY, now.cac(), before.cac(), null));
        kpis.add(kpi("ltv_historical", Unit.MONEY, now.all.historical(), before.all.historical(), null));
        kpis.add(kpi("ltv_projected", Unit.MONEY, now.all.projected(), before.all.projected(), null));
        kpis.add(kpi("ltv_cac", Unit.RATIO, now.ltvToCac(), before.ltvToCac(), low(now.ltvToCac(), MIN_LTV_CAC, "/admin/kpis/spend")));
        kpis.add(kpi("return_rate", Unit.RATE, now.returnRate(), before.returnRate(), high(now.returnRate(), MAX_RETURN, "/admin/products")));
        kpis.add(kpi("second_hand_share", Unit.RATE, now.secondHandShare(), before.secondHandShare(), null));
        kpis.add(kpi("second_hand_margin", Unit.MONEY, now.sales.secondHandMargin, before.sales.secondHandMargin, null));
        return new KpiReport(from, to, previousFrom, previousTo, List.copyOf(kpis), funnel(now.traffic), paymentMethods(from, to),
                declines(from, to), withTraffic(channels(now), from, to), cohorts(to), topProducts(from, to), days(from, to));
    }

    // ---- figures of one range

    record Traffic(long visitors, long sessions, long productViews, long searches, long product, long addToCart, long cart,
                   long details, long confirm, long placed, long paid) {
    }

    /** Sales of the orders paid in a range; {@code returnedOrders}: those with at least one accepted return so far. */
    record Sales(long orders, long newCustomers, long returnedOrders, BigDecimal total, BigDecimal vat,
                 BigDecimal secondHandTotal, BigDecimal secondHandMargin) {
    }

    /** Customers acquired up to a day: how many, their orders, revenue excl. VAT to date, how many ordered twice. */
    record Customers(long customers, long orders, BigDecimal revenue, long repeaters) {

        BigDecimal historical() {
            return divide(revenue, customers, 2);
        }

        BigDecimal repeatShare() {
            return divide(BigDecimal.valueOf(repeaters), customers, 4);
        }

        /** Average order excl. VAT × expected orders per customer, 1 / (1 − share who ordered again). */
        BigDecimal projected() {
            BigDecimal aov = divide(revenue, orders, 6);
            BigDecimal repeat = repeatShare();
            if (aov == null || repeat == null) {
                return null;
            }
            BigDecimal r = repeat.min(MAX_REPEAT_FOR_PROJECTION);
            return aov.divide(BigDecimal.ONE.subtract(r), 2, RoundingMode.HALF_UP);
        }
    }

    record Payments(long attempts, long captured, long challenged) {
    }

    private record Figures(Traffic traffic, Sales sales, Payments payments, Map<String, BigDecimal> spend, Customers all,
                           Map<String, Customers> byChannel, long cohortCustomers, long cohortRepeaters,
                           Map<String, Long> newByChannel) {

        BigDecimal conversion() {
            return divide(BigDecimal.valueOf(traffic.paid), traffic.sessions, 4);
        }

        BigDecimal cartAbandonment() {
            BigDecimal converted = divide(BigDecimal.valueOf(traffic.paid), traffic.addToCart, 4);
            return converted == null ? null : BigDecimal.ONE.subtract(converted).max(BigDecimal.ZERO);
        }

        BigDecimal paymentSuccess() {
            return divide(BigDecimal.valueOf(payments.captured), payments.attempts, 4);
        }

        BigDecimal challengeRate() {
            return divide(BigDecimal.valueOf(payments.challenged), payments.attempts, 4);
        }

        BigDecimal aov() {
            return divide(sales.total, sales.orders, 2);
        }

        BigDecimal revenueExcl() {
            return sales.total.subtract(sales.vat);
        }

        BigDecimal repeatRate() {
            return divide(BigDecimal.valueOf(cohortRepeaters), cohortCustomers, 4);
        }

        BigDecimal spendTotal() {
            return spend.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal cac() {
            return sales.newCustomers == 0 ? null : divide(spendTotal(), sales.newCustomers, 2);
        }

        BigDecimal ltvToCac() {
            BigDecimal cac = cac();
            BigDecimal ltv = all.projected();
            return cac == null || ltv == null || cac.signum() == 0 ? null : ltv.divide(cac, 2, RoundingMode.HALF_UP);
        }

        BigDecimal returnRate() {
            return divide(BigDecimal.valueOf(sales.returnedOrders), sales.orders, 4);
        }

        BigDecimal secondHandShare() {
            return sales.total.signum() == 0 ? null : sales.secondHandTotal.divide(sales.total, 4, RoundingMode.HALF_UP);
        }
    }

    private Figures figures(LocalDate from, LocalDate to) {
        Traffic traffic = jdbc.sql("""
                SELECT (SELECT coalesce(sum(visitors), 0) FROM analytics.daily_visitors WHERE day BETWEEN :from AND :to) AS visitors,
                       coalesce(sum(sessions), 0) AS sessions,
                       coalesce(sum(product_views), 0) AS product_views, coalesce(sum(searches), 0) AS searches,
                       coalesce(sum(s_product), 0) AS p, coalesce(sum(s_add_to_cart), 0) AS a, coalesce(sum(s_cart), 0) AS c,
                       coalesce(sum(s_details), 0) AS d, coalesce(sum(s_confirm), 0) AS f, coalesce(sum(s_placed), 0) AS o,
                       coalesce(sum(s_paid), 0) AS pd
                FROM analytics.daily_traffic WHERE day BETWEEN :from AND :to
                """).param("from", from).param("to", to)
                .query((r, n) -> new Traffic(r.getLong("visitors"), r.getLong("sessions"), r.getLong("product_views"),
                        r.getLong("searches"), r.getLong("p"), r.getLong("a"), r.getLong("c"), r.getLong("d"), r.getLong("f"),
                        r.getLong("o"), r.getLong("pd"))).single();
        Sales sales = jdbc.sql("""
                SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(new_customers), 0) AS new_customers,
                       coalesce(sum(returned_orders), 0) AS returned, coalesce(sum(total), 0) AS total, coalesce(sum(vat), 0) AS vat,
                       coalesce(sum(second_hand_total), 0) AS sh_total, coalesce(sum(second_hand_margin), 0) AS sh_margin
                FROM analytics.daily_sales WHERE day BETWEEN :from AND :to
                """).param("from", from).param("to", to)
                .query((r, n) -> new Sales(r.getLong("orders"), r.getLong("new_customers"), r.getLong("returned"),
                        r.getBigDecimal("total"), r.getBigDecimal("vat"), r.getBigDecimal("sh_total"), r.getBigDecimal("sh_margin")))
                .single();
        Payments payments = jdbc.sql("""
                SELECT coalesce(sum(attempts), 0) AS attempts, coalesce(sum(captured), 0) AS captured,
                       coalesce(sum(challenged), 0) AS challenged
                FROM analytics.daily_payments WHERE day BETWEEN :from AND :to
                """).param("from", from).param("to", to)
                .query((r, n) -> new Payments(r.getLong("attempts"), r.getLong("captured"), r.getLong("challenged"))).single();
        Map<String, BigDecimal> spend = new HashMap<>();
        jdbc.sql("SELECT channel, sum(amount) AS amount FROM analytics.spend WHERE day BETWEEN :from AND :to GROUP BY channel")
                .param("from", from).param("to", to)
                .query((r, n) -> spend.put(r.getString("channel"), r.getBigDecimal("amount"))).list();
        Map<String, Customers> byChannel = new HashMap<>();
        jdbc.sql("""
                SELECT first_channel, sum(customers) AS customers, sum(orders) AS orders, sum(revenue_excl) AS revenue,
                       sum(repeaters) AS repeaters
                FROM analytics.daily_customers WHERE first_day <= :to GROUP BY first_channel
                """).param("to", to)
                .query((r, n) -> byChannel.put(r.getString("first_channel"), new Customers(r.getLong("customers"),
                        r.getLong("orders"), r.getBigDecimal("revenue"), r.getLong("repeaters")))).list();
        Customers all = byChannel.values().stream().reduce(new Customers(0, 0, BigDecimal.ZERO, 0),
                (a, b) -> new Customers(a.customers + b.customers, a.orders + b.orders, a.revenue.add(b.revenue), a.repeaters + b.repeaters));
        long[] cohort = jdbc.sql("""
                SELECT coalesce(sum(customers), 0) AS customers, coalesce(sum(repeaters), 0) AS repeaters
                FROM analytics.daily_customers WHERE first_day BETWEEN :from AND :to
                """).param("from", from).param("to", to)
                .query((r, n) -> new long[] { r.getLong("customers"), r.getLong("repeaters") }).single();
        Map<String, Long> newByChannel = new HashMap<>();
        jdbc.sql("""
                SELECT first_channel AS channel, sum(new_customers) AS n FROM analytics.daily_sales
                WHERE day BETWEEN :from AND :to GROUP BY first_channel
                """).param("from", from).param("to", to)
                .query((r, n) -> newByChannel.put(r.getString("channel"), r.getLong("n"))).list();
        return new Figures(traffic, sales, payments, spend, all, byChannel, cohort[0], cohort[1], newByChannel);
    }

    // ---- tables

    private static List<FunnelStep> funnel(Traffic t) {
        String[] steps = { "sessions", "product_view", "add_to_cart", "checkout_cart", "checkout_details", "checkout_confirm",
                "order_placed", "paid" };
        long[] counts = { t.sessions, t.product, t.addToCart, t.cart, t.details, t.confirm, t.placed, t.paid };
        List<FunnelStep> funnel = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            BigDecimal drop = i == 0 ? null : divide(BigDecimal.valueOf(counts[i - 1] - counts[i]), counts[i - 1], 4);
            funnel.add(new FunnelStep(steps[i], counts[i], divide(BigDecimal.valueOf(counts[i]), t.sessions, 4), drop));
        }
        return List.copyOf(funnel);
    }

    private List<PaymentMethodRow> paymentMethods(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT method, sum(attempts) AS attempts, sum(captured) AS captured, sum(challenged) AS challenged
                FROM analytics.daily_payments WHERE day BETWEEN :from AND :to GROUP BY method ORDER BY sum(attempts) DESC, method
                """).param("from", from).param("to", to)
                .query((r, n) -> {
                    long attempts = r.getLong("attempts");
                    return new PaymentMethodRow(r.getString("method"), attempts, r.getLong("captured"), r.getLong("challenged"),
                            divide(BigDecimal.valueOf(r.getLong("captured")), attempts, 4),
                            divide(BigDecimal.valueOf(r.getLong("challenged")), attempts, 4));
                }).list();
    }

    private List<Decline> declines(LocalDate from, LocalDate to) {
        List<Object[]> rows = jdbc.sql("""
                SELECT decline_code, sum(attempts) AS attempts FROM analytics.daily_declines
                WHERE day BETWEEN :from AND :to GROUP BY decline_code ORDER BY sum(attempts) DESC, decline_code
                """).param("from", from).param("to", to)
                .query((r, n) -> new Object[] { r.getString("decline_code"), r.getLong("attempts") }).list();
        long failures = rows.stream().mapToLong(row -> (Long) row[1]).sum();
        return rows.stream().map(row -> new Decline((String) row[0], (Long) row[1],
                divide(BigDecimal.valueOf((Long) row[1]), failures, 4))).toList();
    }

    private List<ChannelRow> channels(Figures figures) {
        List<String> channels = new ArrayList<>(Channel.ALL);
        channels.add(Channel.UNKNOWN);
        List<ChannelRow> rows = new ArrayList<>();
        for (String channel : channels) {
            long newCustomers = figures.newByChannel.getOrDefault(channel, 0L);
            BigDecimal spend = figures.spend.get(channel);
            BigDecimal cac = spend == null || newCustomers == 0 ? null : divide(spend, newCustomers, 2);
            Customers customers = figures.byChannel.get(channel);
            BigDecimal ltv = customers == null ? null : customers.projected();
            BigDecimal ratio = ltv == null || cac == null || cac.signum() == 0 ? null : ltv.divide(cac, 2, RoundingMode.HALF_UP);
            rows.add(new ChannelRow(channel, 0, 0, BigDecimal.ZERO, newCustomers, spend, cac, ltv, ratio,
                    ratio != null && ratio.compareTo(MIN_LTV_CAC) >= 0));
        }
        return rows;
    }

    /** Adds each channel's sessions, orders and revenue by last touch for the range. */
    private List<ChannelRow> withTraffic(List<ChannelRow> rows, LocalDate from, LocalDate to) {
        Map<String, Long> sessions = new HashMap<>();
        jdbc.sql("SELECT channel, sum(sessions) AS s FROM analytics.daily_traffic WHERE day BETWEEN :from AND :to GROUP BY channel")
                .param("from", from).param("to", to).query((r, n) -> sessions.put(r.getString("channel"), r.getLong("s"))).list();
        Map<String, Object[]> sales = new HashMap<>();
        jdbc.sql("""
                SELECT last_channel, sum(orders) AS orders, sum(total - vat) AS revenue FROM analytics.daily_sales
                WHERE day BETWEEN :from AND :to GROUP BY last_channel
                """).param("from", from).param("to", to)
                .query((r, n) -> sales.put(r.getString("last_channel"), new Object[] { r.getLong("orders"), r.getBigDecimal("revenue") }))
                .list();
        return rows.stream().map(row -> {
            Object[] s = sales.getOrDefault(row.channel(), new Object[] { 0L, BigDecimal.ZERO });
            return new ChannelRow(row.channel(), sessions.getOrDefault(row.channel(), 0L), (Long) s[0], (BigDecimal) s[1],
                    row.newCustomers(), row.spend(), row.cac(), row.ltv(), row.ltvToCac(), row.healthy());
        }).filter(row -> row.sessions() > 0 || row.orders() > 0 || row.spend() != null || row.newCustomers() > 0).toList();
    }

    private List<CohortRow> cohorts(LocalDate to) {
        LocalDate last = to.withDayOfMonth(1);
        LocalDate first = last.minusMonths(5);
        Map<LocalDate, Long> sizes = new HashMap<>();
        jdbc.sql("""
                SELECT date_trunc('month', first_day)::date AS cohort, sum(customers) AS customers FROM analytics.daily_customers
                WHERE first_day >= :first AND first_day < :end GROUP BY 1
                """).param("first", first).param("end", last.plusMonths(1))
                .query((r, n) -> sizes.put(r.getObject("cohort", LocalDate.class), r.getLong("customers"))).list();
        Map<String, Long> active = new HashMap<>();
        jdbc.sql("SELECT cohort, month, customers FROM analytics.cohort_activity WHERE cohort >= :first AND month <= :last")
                .param("first", first).param("last", last)
                .query((r, n) -> active.put(r.getObject("cohort", LocalDate.class) + "|" + r.getObject("month", LocalDate.class),
                        (long) r.getInt("customers"))).list();
        List<CohortRow> rows = new ArrayList<>();
        for (LocalDate cohort = first; !cohort.isAfter(last); cohort = cohort.plusMonths(1)) {
            long size = sizes.getOrDefault(cohort, 0L);
            if (size == 0) {
                continue;
            }
            List<BigDecimal> retention = new ArrayList<>();
            for (LocalDate month = cohort; !month.isAfter(last); month = month.plusMonths(1)) {
                retention.add(divide(BigDecimal.valueOf(active.getOrDefault(cohort + "|" + month, 0L)), size, 4));
            }
            rows.add(new CohortRow(cohort, size, List.copyOf(retention)));
        }
        return List.copyOf(rows);
    }

    private List<ProductRow> topProducts(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT product_slug, min(title) AS title, sum(quantity) AS quantity, sum(total) AS revenue
                FROM analytics.daily_products WHERE day BETWEEN :from AND :to
                GROUP BY product_slug ORDER BY sum(total) DESC, product_slug LIMIT 10
                """).param("from", from).param("to", to)
                .query((r, n) -> new ProductRow(r.getString("product_slug"), r.getString("title"), r.getLong("quantity"),
                        r.getBigDecimal("revenue"))).list();
    }

    private List<DayPoint> days(LocalDate from, LocalDate to) {
        Map<LocalDate, Long> sessions = new HashMap<>();
        jdbc.sql("SELECT day, sum(sessions) AS s FROM analytics.daily_traffic WHERE day BETWEEN :from AND :to GROUP BY day")
                .param("from", from).param("to", to)
                .query((r, n) -> sessions.put(r.getObject("day", LocalDate.class), r.getLong("s"))).list();
        Map<LocalDate, Object[]> sales = new HashMap<>();
        jdbc.sql("SELECT day, sum(orders) AS o, sum(total) AS t FROM analytics.daily_sales WHERE day BETWEEN :from AND :to GROUP BY day")
                .param("from", from).param("to", to)
                .query((r, n) -> sales.put(r.getObject("day", LocalDate.class), new Object[] { r.getLong("o"), r.getBigDecimal("t") })).list();
        List<DayPoint> points = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Object[] s = sales.getOrDefault(day, new Object[] { 0L, BigDecimal.ZERO });
            points.add(new DayPoint(day, sessions.getOrDefault(day, 0L), (Long) s[0], (BigDecimal) s[1]));
        }
        return List.copyOf(points);
    }

    // ---- helpers

    private record Band(boolean good, String action) {
    }

    private static Band low(BigDecimal value, BigDecimal minimum, String action) {
        return value == null ? null : new Band(value.compareTo(minimum) >= 0, action);
    }

    private static Band high(BigDecimal value, BigDecimal maximum, String action) {
        return value == null ? null : new Band(value.compareTo(maximum) <= 0, action);
    }

    private static Kpi kpi(String code, Unit unit, Object value, Object previous, Band band) {
        Health health = band == null ? Health.NONE : band.good() ? Health.GOOD : Health.WATCH;
        return new Kpi(code, unit, number(value), number(previous), health, health == Health.WATCH ? band.action() : null);
    }

    private static BigDecimal number(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal;
            case Long count -> BigDecimal.valueOf(count);
            default -> throw new IllegalArgumentException(value.toString());
        };
    }

    static BigDecimal divide(BigDecimal numerator, long denominator, int scale) {
        return denominator == 0 ? null : numerator.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
    }
}
