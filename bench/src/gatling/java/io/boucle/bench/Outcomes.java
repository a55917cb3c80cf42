package io.boucle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.HdrHistogram.Histogram;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What each answer was, per step and phase, beside Gatling's own report: the statuses, and the
 * response times (as Gatling measured them) of successes, expected refusals (a "sold out") and
 * errors apart, with when the first request of a step left and its last answer came back, which
 * gives the throughput a phase sustained, and the answers of each second (to see an outage). Written
 * for the script as tab-separated lines.
 */
final class Outcomes {

    enum Kind {
        /** the answer the step wants */
        OK,
        /** a correct refusal the scenario expects, e.g. 409 "sold out" in a flash sale */
        REFUSED,
        /** anything else: another status, a time-out, a refused connection */
        ERROR
    }

    private static final long MAX_MILLIS = 3_600_000;

    private final Map<String, Step> steps = new LinkedHashMap<>();
    /** A step every request is also recorded under (all requests of a mix together), or null. */
    private final String total;
    private final Map<String, String> facts = new LinkedHashMap<>();
    /** Answers per second of their arrival (epoch second): OK, refused, error; requests only, not whole flows. */
    private final Map<Long, long[]> seconds = new TreeMap<>();

    Outcomes() {
        this(null);
    }

    Outcomes(String total) {
        this.total = total;
    }

    /**
     * The request, checked and recorded under {@code name} (plus the session's phase). The session's
     * {@code outcome} is then the {@link Kind}'s name, so a scenario can stop a buyer told "sold out".
     */
    ChainBuilder call(String name, HttpRequestActionBuilder request, Set<Integer> ok, Set<Integer> refused) {
        List<Integer> accepted = new ArrayList<>(ok);
        accepted.addAll(refused);
        return exec(session -> session.removeAll("status", "responseTime", "outcome").set("sentAt", System.currentTimeMillis()))
                .exec(request.check(status().saveAs("status"), responseTimeInMillis().saveAs("responseTime"),
                        status().in(accepted)))
                .exec(session -> {
                    long now = System.currentTimeMillis();
                    Integer code = session.contains("status") ? session.getInt("status") : 0;
                    long sentAt = session.getLong("sentAt");
                    long millis = session.contains("responseTime") ? session.getInt("responseTime") : now - sentAt;
                    Kind kind = ok.contains(code) ? Kind.OK : refused.contains(code) ? Kind.REFUSED : Kind.ERROR;
                    record(stepName(name, session), kind, code, millis, sentAt, now);
                    if (total != null) {
                        record(stepName(total, session), kind, code, millis, sentAt, now);
                    }
                    synchronized (seconds) {
                        seconds.computeIfAbsent(now / 1000, key -> new long[3])[kind.ordinal()]++;
                    }
                    return session.set("outcome", kind.name());
                });
    }

    /** Something timed by the scenario itself, e.g. a whole buying flow. */
    void record(String name, Kind kind, int code, long millis, long startedAt, long endedAt) {
        Step step;
        synchronized (steps) {
            step = steps.computeIfAbsent(name, key -> new Step());
        }
        step.add(kind, code, millis, startedAt, endedAt);
    }

    void fact(String key, Object value) {
        synchronized (facts) {
            facts.put(key, String.valueOf(value));
        }
    }

    long count(String name, Kind kind) {
        synchronized (steps) {
            Step step = steps.get(name);
            return step == null ? 0 : step.count(kind);
        }
    }

    /** "name" in the steady phase, "name (ramp-up)" before it. */
    static String stepName(String name, Session session) {
        return session.contains("rampUp") && session.getBoolean("rampUp") ? name + " (ramp-up)" : name;
    }

    /** Writes the summary, when {@code bench.summary} names a file, and prints it. */
    void write() {
        List<String> lines = new ArrayList<>();
        synchronized (steps) {
            steps.forEach((name, step) -> lines.addAll(step.lines(name)));
        }
        synchronized (facts) {
            facts.forEach((key, value) -> lines.add(String.join("\t", "fact", key, value)));
        }
        synchronized (seconds) {
            seconds.forEach((second, counts) -> lines.add(String.join("\t", "second", Long.toString(second),
                    Long.toString(counts[0]), Long.toString(counts[1]), Long.toString(counts[2]))));
        }
        lines.forEach(System.out::println);
        Path file = Bench.summaryFile();
        if (file != null) {
            try {
                Files.write(file, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Step {

        private final Map<Kind, Histogram> times = new TreeMap<>();
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;

        synchronized void add(Kind kind, int code, long millis, long startedAt, long endedAt) {
            times.computeIfAbsent(kind, key -> new Histogram(MAX_MILLIS, 3)).recordValue(Math.clamp(millis, 0, MAX_MILLIS));
            statuses.merge(code, 1L, Long::sum);
            firstStart = Math.min(firstStart, startedAt);
            lastEnd = Math.max(lastEnd, endedAt);
        }

        synchronized long count(Kind kind) {
            Histogram histogram = times.get(kind);
            return histogram == null ? 0 : histogram.getTotalCount();
        }

        /** request, step, outcome, count, p50, p95, p99, p99.9, max (ms), first start, last end (epoch ms); then statuses. */
        synchronized List<String> lines(String name) {
            List<String> lines = new ArrayList<>();
            Histogram all = new Histogram(MAX_MILLIS, 3);
            times.forEach((kind, histogram) -> {
                all.add(histogram);
                lines.add(line(name, kind.name().toLowerCase(), histogram));
            });
            lines.add(line(name, "all", all));
            statuses.forEach((code, count) -> lines.add(String.join("\t", "status", name, Integer.toString(code), Long.toString(count))));
            return lines;
        }

        private String line(String name, String outcome, Histogram histogram) {
            return String.join("\t", "request", name, outcome, Long.toString(histogram.getTotalCount()),
                    Long.toString(histogram.getValueAtPercentile(50)), Long.toString(histogram.getValueAtPercentile(95)),
                    Long.toString(histogram.getValueAtPercentile(99)), Long.toString(histogram.getValueAtPercentile(99.9)),
                    Long.toString(histogram.getMaxValue()), Long.toString(firstStart), Long.toString(lastEnd));
        }
    }
}
