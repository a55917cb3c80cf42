package io.boucle.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The shop's own gift cards: a code and a balance. A payment debits the balance in the same
 * transaction that captures it, with a conditional update, so two payments never spend the same euro.
 */
@Repository
class GiftCards {

    private final JdbcClient jdbc;

    GiftCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Codes are compared without case, spaces or dashes, as shoppers type them. */
    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    void issue(String code, Money balance, Instant at) {
        if (balance.isNegative()) {
            throw new IllegalArgumentException("a gift card's balance cannot be negative");
        }
        jdbc.sql("""
                        INSERT INTO payment.gift_card (code, balance, currency, created_at) VALUES (:code, :balance, :currency, :at)
                        ON CONFLICT (code) DO NOTHING""")
                .param("code", normalise(code)).param("balance", balance.amount())
                .param("currency", balance.currency().getCurrencyCode()).param("at", Timestamp.from(at)).update();
    }

    Optional<Money> balance(String code) {
        return jdbc.sql("SELECT balance, currency FROM payment.gift_card WHERE code = :code")
                .param("code", normalise(code))
                .query((rs, n) -> Money.of(rs.getBigDecimal("balance"), Currency.getInstance(rs.getString("currency"))))
                .optional();
    }

    /** Takes {@code amount} off the card if its balance covers it; false (and nothing taken) otherwise. */
    boolean debit(String code, Money amount) {
        return jdbc.sql("""
                        UPDATE payment.gift_card SET balance = balance - :amount
                        WHERE code = :code AND currency = :currency AND balance >= :amount""")
                .param("amount", amount.amount()).param("code", normalise(code))
                .param("currency", amount.currency().getCurrencyCode()).update() == 1;
    }

    void credit(String code, Money amount) {
        int updated = jdbc.sql("""
                        UPDATE payment.gift_card SET balance = balance + :amount WHERE code = :code AND currency = :currency""")
                .param("amount", amount.amount()).param("code", normalise(code))
                .param("currency", amount.currency().getCurrencyCode()).update();
        if (updated != 1) {
            throw new IllegalStateException("gift card " + normalise(code) + " cannot be credited in " + amount.currency());
        }
    }
}
