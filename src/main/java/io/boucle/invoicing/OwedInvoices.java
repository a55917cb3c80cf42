package io.boucle.invoicing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders owed an invoice that could not be issued yet, each with why and when to try again: after 1, 2,
 * 4… minutes, at most a day, so a lasting problem is tried daily and logged no more often.
 */
@Component
class OwedInvoices {

    static final Duration LONGEST_DELAY = Duration.ofDays(1);

    private final JdbcClient jdbc;

    OwedInvoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (or records again) that an order is owed its invoice; returns the attempts made so far. */
    int record(String orderReference, String problem, Instant now) {
        int attempts = jdbc.sql("""
                INSERT INTO invoicing.owed_invoice AS o (order_reference, owed_since, attempts, next_attempt_at, problem)
                VALUES (:order, :now, 1, :now, :problem)
                ON CONFLICT (order_reference) DO UPDATE SET attempts = o.attempts + 1, problem = EXCLUDED.problem
                RETURNING attempts
                """)
                .param("order", orderReference).param("now", Timestamp.from(now)).param("problem", problem)
                .query(Integer.class).single();
        jdbc.sql("UPDATE invoicing.owed_invoice SET next_attempt_at = :next WHERE order_reference = :order")
                .param("next", Timestamp.from(now.plus(delayAfter(attempts)))).param("order", orderReference)
                .update();
        return attempts;
    }

    void settled(String orderReference) {
        jdbc.sql("DELETE FROM invoicing.owed_invoice WHERE order_reference = :order").param("order", orderReference).update();
    }

    List<String> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT order_reference FROM invoicing.owed_invoice WHERE next_attempt_at <= :now
                ORDER BY next_attempt_at LIMIT :limit
                """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query(String.class).list();
    }

    /** Every owed invoice becomes due now, e.g. once the merchant settings are confirmed. */
    void allDue(Instant now) {
        jdbc.sql("UPDATE invoicing.owed_invoice SET next_attempt_at = :now").param("now", Timestamp.from(now)).update();
    }

    List<OwedInvoice> list(int limit) {
        return jdbc.sql("SELECT * FROM invoicing.owed_invoice ORDER BY owed_since LIMIT :limit")
                .param("limit", limit)
                .query((row, n) -> new OwedInvoice(row.getString("order_reference"),
                        row.getTimestamp("owed_since").toInstant(), row.getInt("attempts"),
                        row.getTimestamp("next_attempt_at").toInstant(), row.getString("problem")))
                .list();
    }

    static Duration delayAfter(int attempts) {
        Duration delay = Duration.ofMinutes(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }
}
