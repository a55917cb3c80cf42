package io.boucle.backoffice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import io.boucle.analytics.KpiReport;

/**
 * The dashboard's charts as inline SVG drawn on the server: no script, nothing from elsewhere.
 * Coordinates are computed here; the template only places them.
 */
record KpiCharts(int width, int height, String sessions, String revenue, long maxSessions, BigDecimal maxRevenue,
                 List<Bar> funnel) {

    static final int WIDTH = 720;
    static final int HEIGHT = 180;

    /** One step of the funnel: the bar's width in the SVG's units. */
    record Bar(String step, long sessions, BigDecimal share, int width, int y) {
    }

    static KpiCharts of(KpiReport report) {
        List<KpiReport.DayPoint> days = report.days();
        long maxSessions = Math.max(1, days.stream().mapToLong(KpiReport.DayPoint::sessions).max().orElse(1));
        BigDecimal maxRevenue = days.stream().map(KpiReport.DayPoint::revenue).reduce(BigDecimal.ONE, BigDecimal::max);
        StringBuilder sessions = new StringBuilder();
        StringBuilder revenue = new StringBuilder();
        int n = days.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? WIDTH / 2.0 : i * (double) WIDTH / (n - 1);
            double ys = HEIGHT - days.get(i).sessions() * (double) (HEIGHT - 10) / maxSessions;
            double yr = HEIGHT - days.get(i).revenue().divide(maxRevenue, 6, RoundingMode.HALF_UP).doubleValue() * (HEIGHT - 10);
            sessions.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, ys));
            revenue.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, yr));
        }
        List<KpiReport.FunnelStep> steps = report.funnel();
        long top = Math.max(1, steps.isEmpty() ? 1 : steps.getFirst().sessions());
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            KpiReport.FunnelStep step = steps.get(i);
            int width = (int) Math.max(2, Math.round(step.sessions() * 460.0 / top));
            bars.add(new Bar(step.step(), step.sessions(), step.ofSessions(), width, i * 28));
        }
        return new KpiCharts(WIDTH, HEIGHT, sessions.toString().strip(), revenue.toString().strip(), maxSessions, maxRevenue,
                List.copyOf(bars));
    }
}
