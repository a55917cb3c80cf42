package io.boucle.pricing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.boucle.audit.Audit;
import io.boucle.shared.ExchangeRate;
import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reference exchange rates, effective-dated: one rate per currency and day, imported from the ECB's
 * reference-rates XML, each in force from its day until the next one imported. The shop sells in euros
 * and, converted at these rates, in the {@link #OFFERED} currencies.
 */
@Service
public class ExchangeRates {

    /** The currencies a shopper may pay in; EUR first, the shop's own. */
    public static final List<Currency> OFFERED = List.of(Money.EUR, Currency.getInstance("GBP"),
            Currency.getInstance("USD"), Currency.getInstance("CHF"));

    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    /** What an import stored: the days it holds and how many rates. */
    public record Imported(List<LocalDate> days, int rates) {
    }

    private final JdbcClient jdbc;
    private final Audit audit;
    private final Clock clock;

    ExchangeRates(JdbcClient jdbc, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean offered(Currency currency) {
        return OFFERED.contains(currency);
    }

    /**
     * Stores every rate of an ECB reference-rates file, all or none; a rate of a day imported before is
     * replaced (the ECB corrects a rate the same way).
     *
     * @param source what the rates came from, for the record, e.g. the uploaded file's name
     * @throws InvalidRatesFile saying what is wrong; nothing was stored
     */
    @Transactional
    public Imported importEcb(byte[] xml, String source) {
        List<ExchangeRate> rates = EcbRatesFile.parse(xml);
        String from = source == null || source.isBlank() ? "ECB reference rates" : source.strip();
        if (from.length() > 200) {
            from = from.substring(0, 200);
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        for (ExchangeRate rate : rates) {
            jdbc.sql("""
                    INSERT INTO pricing.exchange_rate (currency, rate_date, rate, source, imported_at)
                    VALUES (:currency, :day, :rate, :source, :now)
                    ON CONFLICT (currency, rate_date) DO UPDATE
                        SET rate = EXCLUDED.rate, source = EXCLUDED.source, imported_at = EXCLUDED.imported_at
                    """)
                    .param("currency", rate.currency().getCurrencyCode()).param("day", Date.valueOf(rate.date()))
                    .param("rate", rate.rate()).param("source", from).param("now", now)
                    .update();
        }
        List<LocalDate> days = List.copyOf(new TreeSet<>(rates.stream().map(ExchangeRate::date).toList()));
        audit.record("exchange-rates.import", "exchange-rates", days.getLast().toString(),
                rates.size() + " rates for " + days.size() + " day(s) from " + from);
        return new Imported(days, rates.size());
    }

    /** The rate in force on a day: the latest imported for that day or before; the identity for EUR. */
    @Transactional(readOnly = true)
    public Optional<ExchangeRate> rateOn(Currency currency, LocalDate day) {
        if (currency.equals(Money.EUR)) {
            return Optional.of(ExchangeRate.identity(day));
        }
        return jdbc.sql("""
                SELECT rate, rate_date FROM pricing.exchange_rate WHERE currency = :currency AND rate_date <= :day
                ORDER BY rate_date DESC LIMIT 1
                """)
                .param("currency", currency.getCurrencyCode()).param("day", Date.valueOf(day))
                .query((row, n) -> new ExchangeRate(currency, row.getBigDecimal("rate"),
                        row.getDate("rate_date").toLocalDate()))
                .optional();
    }

    /** The rate in force today, in Paris. */
    public Optional<ExchangeRate> current(Currency currency) {
        return rateOn(currency, today());
    }

    /** The latest rate of each currency imported, by currency code. */
    @Transactional(readOnly = true)
    public List<Latest> latest() {
        return jdbc.sql("""
                SELECT DISTINCT ON (currency) currency, rate, rate_date, source, imported_at FROM pricing.exchange_rate
                ORDER BY currency, rate_date DESC
                """)
                .query((row, n) -> new Latest(new ExchangeRate(Currency.getInstance(row.getString("currency")),
                        row.getBigDecimal("rate"), row.getDate("rate_date").toLocalDate()), row.getString("source"),
                        row.getTimestamp("imported_at").toInstant()))
                .list();
    }

    /** A currency's latest rate, where it came from and when it was imported. */
    public record Latest(ExchangeRate rate, String source, Instant importedAt) {

        public boolean offered() {
            return ExchangeRates.offered(rate.currency());
        }
    }

    LocalDate today() {
        return LocalDate.ofInstant(Instant.now(clock), SHOP_ZONE);
    }
}
