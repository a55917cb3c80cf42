package io.boucle.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marketing spend per channel per day (EUR, excl. VAT), typed in the back office or imported as CSV,
 * for the acquisition cost. A day and channel hold one amount: saving again replaces it. An import is
 * all or nothing: one bad line and no line is saved.
 */
@Service
public class MarketingSpend {

    /** Lines of a CSV import at most. */
    public static final int MAX_LINES = 10_000;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000");

    public record Entry(LocalDate day, String channel, BigDecimal amount) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    MarketingSpend(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Saves one day's spend on a channel, from the fields of a form. */
    @Transactional
    public Entry save(String day, String channel, String amount) {
        List<String> problems = new ArrayList<>();
        Entry entry = parse(day, channel, amount, "", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpend(problems);
        }
        upsert(entry);
        return entry;
    }

    /**
     * Imports {@code day,channel,amount} lines (comma or semicolon; a first line naming the columns is
     * skipped; decimal point or comma in the amount when the separator is a semicolon). Returns how many
     * lines were saved.
     */
    @Transactional
    public int importCsv(String csv) {
        List<String> problems = new ArrayList<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = csv == null ? new String[0] : csv.replace("\uFEFF", "").split("\\r?\\n", -1);
        if (lines.length > MAX_LINES + 1) {
            throw new InvalidSpend(List.of("at most " + MAX_LINES + " lines"));
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("day"))) {
                continue;
            }
            String separator = line.contains(";") ? ";" : ",";
            String[] fields = line.split(separator, -1);
            String where = "line " + (i + 1) + ": ";
            if (fields.length != 3) {
                problems.add(where + "three fields expected: day, channel, amount");
                continue;
            }
            String amount = ";".equals(separator) ? fields[2].strip().replace(',', '.') : fields[2];
            Entry entry = parse(fields[0], fields[1], amount, where, problems);
            if (entry != null) {
                if (entries.put(entry.day() + "|" + entry.channel(), entry) != null) {
                    problems.add(where + "the day " + entry.day() + " and channel " + entry.channel() + " appear twice");
                }
            }
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("no line to import");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpend(problems);
        }
        entries.values().forEach(this::upsert);
        return entries.size();
    }

    /** The spend recorded between two days, by day then channel. */
    public List<Entry> between(LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT day, channel, amount FROM analytics.spend WHERE day BETWEEN :from AND :to ORDER BY day DESC, channel")
                .param("from", from).param("to", to)
                .query((row, n) -> new Entry(row.getObject("day", LocalDate.class), row.getString("channel"), row.getBigDecimal("amount")))
                .list();
    }

    private Entry parse(String day, String channel, String amount, String where, List<String> problems) {
        int before = problems.size();
        LocalDate parsedDay = null;
        try {
            parsedDay = LocalDate.parse(day == null ? "" : day.strip());
            if (parsedDay.isAfter(Days.of(clock.instant()).plusDays(1)) || parsedDay.getYear() < 2000) {
                problems.add(where + "day: not in the future, after 2000");
            }
        } catch (DateTimeParseException e) {
            problems.add(where + "day: a date such as 2026-03-31");
        }
        String code = channel == null ? "" : channel.strip().toLowerCase(Locale.ROOT);
        if (!Channel.known(code) || Channel.DIRECT.equals(code)) {
            problems.add(where + "channel: one of " + String.join(", ", Channel.ALL.stream().filter(c -> !Channel.DIRECT.equals(c)).toList()));
        }
        BigDecimal parsedAmount = null;
        try {
            parsedAmount = new BigDecimal(amount == null ? "" : amount.strip());
            if (parsedAmount.signum() < 0 || parsedAmount.scale() > 2 || parsedAmount.compareTo(MAX_AMOUNT) > 0) {
                problems.add(where + "amount: from 0 to 10000000, at most 2 decimals");
            }
        } catch (NumberFormatException e) {
            problems.add(where + "amount: a number such as 120.50");
        }
        return problems.size() == before ? new Entry(parsedDay, code, parsedAmount.setScale(2)) : null;
    }

    private void upsert(Entry entry) {
        jdbc.sql("""
                INSERT INTO analytics.spend (day, channel, amount) VALUES (:day, :channel, :amount)
                ON CONFLICT (day, channel) DO UPDATE SET amount = EXCLUDED.amount
                """).param("day", entry.day()).param("channel", entry.channel()).param("amount", entry.amount()).update();
    }
}
