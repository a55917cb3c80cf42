package io.boucle.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.boucle.payment.provider.CardDetails;
import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment schema: attempts, instalments and refunds. Callers hold the transactions. */
@Repository
class PaymentStore {

    private static final String REFUND_COLUMNS = """
            id, payment_id, amount, currency, status, provider_reference, failure, idempotency_key, created_at, updated_at""";

    private static final String COLUMNS = """
            id, reference, provider, method, status, amount, currency, refunded, decline_code, challenged,
            card_brand, card_last4, gift_card_code, provider_reference, redirect_url, return_url, idempotency_key,
            created_at, updated_at, instalments""";

    /** One attempt as stored. */
    record Row(PaymentId id, String reference, String provider, String method, PaymentStatus status, Money amount,
               Money refunded, String declineCode, boolean challenged, CardDetails card, String giftCardCode,
               String providerReference, String redirectUrl, String returnUrl, String idempotencyKey,
               Instant createdAt, Instant updatedAt, Integer instalments) {
    }

    record RefundRow(UUID id, PaymentId paymentId, Money amount, String status, String providerReference,
                     String failure, String idempotencyKey, Instant createdAt, Instant updatedAt) {

        Refund refund() {
            return new Refund(id, paymentId, amount, status, updatedAt, failure);
        }
    }

    /** @param instalments the number of instalments asked for; null for other methods */
    record NewAttempt(PaymentId id, String reference, String provider, String method, Money amount, String giftCardCode,
                      String returnUrl, String idempotencyKey, Instant at, Integer instalments) {

        /** The row {@link #insert} writes. */
        Row row() {
            return new Row(id, reference, provider, method, PaymentStatus.PROCESSING, amount, Money.zero(amount.currency()),
                    null, false, null, giftCardCode, null, null, returnUrl, idempotencyKey, at, at, instalments);
        }
    }

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new attempt as PROCESSING; false when its idempotency key is already taken. */
    boolean insert(NewAttempt attempt) {
        return jdbc.sql("""
                        INSERT INTO payment.payment (id, reference, provider, method, status, amount, currency,
                                                     gift_card_code, return_url, idempotency_key, created_at, updated_at,
                                                     instalments)
                        VALUES (:id, :reference, :provider, :method, 'PROCESSING', :amount, :currency,
                                :giftCard, :returnUrl, :key, :at, :at, :instalments)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .param("id", attempt.id().value())
                .param("reference", attempt.reference())
                .param("provider", attempt.provider())
                .param("method", attempt.method())
                .param("amount", attempt.amount().amount())
                .param("currency", attempt.amount().currency().getCurrencyCode())
                .param("giftCard", attempt.giftCardCode())
                .param("returnUrl", attempt.returnUrl())
                .param("key", attempt.idempotencyKey())
                .param("at", Timestamp.from(attempt.at()))
                .param("instalments", attempt.instalments())
                .update() == 1;
    }

    /** Attempts still {@code PROCESSING} that were recorded before {@code before}, the oldest first. */
    List<Row> processingSince(Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.payment WHERE status = 'PROCESSING' AND created_at < :before"
                        + " ORDER BY created_at LIMIT :limit")
                .param("before", Timestamp.from(before)).param("limit", limit).query(PaymentStore::row).list();
    }

    Optional<Row> find(PaymentId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.payment WHERE id = :id")
                .param("id", id.value()).query(PaymentStore::row).optional();
    }

    Optional<Row> lock(PaymentId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.payment WHERE id = :id FOR UPDATE")
                .param("id", id.value()).query(PaymentStore::row).optional();
    }

    Optional<Row> findByIdempotencyKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.payment WHERE idempotency_key = :key")
                .param("key", key).query(PaymentStore::row).optional();
    }

    Optional<Row> findByProviderReference(String provider, String providerReference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.payment WHERE provider = :provider AND provider_reference = :ref")
                .param("provider", provider).param("ref", providerReference).query(PaymentStore::row).optional();
    }

    List<Row> forReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment.payment WHERE reference = :reference ORDER BY attempt")
                .param("reference", reference).query(PaymentStore::row).list();
    }

    /**
     * Moves a payment to {@code to} if it is in one of {@code from}: the state machine's guard, applied
     * atomically. The card, challenge flag and provider reference are kept when not given.
     *
     * @return the payment as it now is, or empty when it was not in one of {@code from}
     */
    Optional<Row> move(PaymentId id, Collection<PaymentStatus> from, PaymentStatus to, String declineCode,
            String providerReference, String redirectUrl, CardDetails card, Boolean challenged, Instant at) {
        return jdbc.sql("""
                        UPDATE payment.payment
                        SET status = :to, decline_code = :decline,
                            provider_reference = COALESCE(:providerRef, provider_reference),
                            redirect_url = :redirect,
                            card_brand = COALESCE(:brand, card_brand), card_last4 = COALESCE(:last4, card_last4),
                            challenged = COALESCE(:challenged, challenged), updated_at = :at
                        WHERE id = :id AND status IN (:from)
                        RETURNING\s""" + COLUMNS)
                .param("to", to.name())
                .param("decline", declineCode)
                .param("providerRef", providerReference)
                .param("redirect", redirectUrl)
                .param("brand", card == null ? null : card.brand())
                .param("last4", card == null ? null : card.last4())
                .param("challenged", challenged)
                .param("at", Timestamp.from(at))
                .param("id", id.value())
                .param("from", from.stream().map(Enum::name).toList())
                .query(PaymentStore::row).optional();
    }

    void recordRefunded(PaymentId id, Money refunded, PaymentStatus status, Instant at) {
        jdbc.sql("UPDATE payment.payment SET refunded = :refunded, status = :status, updated_at = :at WHERE id = :id")
                .param("refunded", refunded.amount()).param("status", status.name())
                .param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    void insertSchedule(PaymentId id, List<Instalment> schedule) {
        for (Instalment instalment : schedule) {
            jdbc.sql("""
                            INSERT INTO payment.instalment (payment_id, number, due_date, amount)
                            VALUES (:id, :number, :due, :amount)""")
                    .param("id", id.value()).param("number", instalment.number())
                    .param("due", instalment.dueDate()).param("amount", instalment.amount().amount())
                    .update();
        }
    }

    List<Instalment> schedule(PaymentId id, Currency currency) {
        return jdbc.sql("SELECT number, due_date, amount FROM payment.instalment WHERE payment_id = :id ORDER BY number")
                .param("id", id.value())
                .query((rs, n) -> new Instalment(rs.getInt("number"), rs.getObject("due_date", LocalDate.class),
                        Money.of(rs.getBigDecimal("amount"), currency)))
                .list();
    }

    // Refunds

    boolean insertRefund(UUID id, PaymentId paymentId, Money amount, String key, Instant at) {
        return jdbc.sql("""
                        INSERT INTO payment.refund (id, payment_id, amount, currency, status, idempotency_key, created_at, updated_at)
                        VALUES (:id, :payment, :amount, :currency, 'PENDING', :key, :at, :at)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .param("id", id).param("payment", paymentId.value()).param("amount", amount.amount())
                .param("currency", amount.currency().getCurrencyCode()).param("key", key)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    Optional<RefundRow> findRefundByKey(String key) {
        return jdbc.sql("SELECT " + REFUND_COLUMNS + " FROM payment.refund WHERE idempotency_key = :key")
                .param("key", key).query(PaymentStore::refundRow).optional();
    }

    /** The refunds of every payment for a reference, in the order they were asked for. */
    List<RefundRow> refundsForReference(String reference) {
        return jdbc.sql("SELECT " + REFUND_COLUMNS + """
                         FROM payment.refund
                        WHERE payment_id IN (SELECT id FROM payment.payment WHERE reference = :reference)
                        ORDER BY created_at, id""")
                .param("reference", reference).query(PaymentStore::refundRow).list();
    }

    /**
     * Where each reference's payment stands: the status of its payment that was captured, or else of
     * its latest attempt. References without any attempt are left out.
     */
    List<java.util.Map.Entry<String, PaymentStatus>> statuses(Collection<String> references) {
        return references.isEmpty() ? List.of() : jdbc.sql("""
                        SELECT DISTINCT ON (reference) reference, status FROM payment.payment
                        WHERE reference IN (:references)
                        ORDER BY reference, status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED') DESC, attempt DESC""")
                .param("references", references)
                .query((rs, n) -> java.util.Map.entry(rs.getString("reference"), PaymentStatus.valueOf(rs.getString("status"))))
                .list();
    }

    /** What pending and succeeded refunds of a payment add up to: what can no longer be refunded. */
    BigDecimal committedRefunds(PaymentId id) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment.refund WHERE payment_id = :id AND status IN ('PENDING', 'SUCCEEDED')")
                .param("id", id.value()).query(BigDecimal.class).single();
    }

    BigDecimal succeededRefunds(PaymentId id) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM payment.refund WHERE payment_id = :id AND status = 'SUCCEEDED'")
                .param("id", id.value()).query(BigDecimal.class).single();
    }

    /** Records the provider's answer on a refund still pending; false when it was settled already. */
    boolean settleRefund(UUID id, String status, String providerReference, String failure, Instant at) {
        return jdbc.sql("""
                        UPDATE payment.refund SET status = :status, provider_reference = :ref, failure = :failure, updated_at = :at
                        WHERE id = :id AND status = 'PENDING'""")
                .param("status", status).param("ref", providerReference).param("failure", failure)
                .param("at", Timestamp.from(at)).param("id", id).update() == 1;
    }

    /** Notes why a refund is still pending, leaving it pending. */
    void notePendingRefund(UUID id, String note, Instant at) {
        jdbc.sql("UPDATE payment.refund SET failure = :note, updated_at = :at WHERE id = :id AND status = 'PENDING'")
                .param("note", note).param("at", Timestamp.from(at)).param("id", id).update();
    }

    /** Refunds pending since before {@code before}, oldest first. */
    List<RefundRow> refundsPendingSince(Instant before, int limit) {
        return jdbc.sql("SELECT " + REFUND_COLUMNS + """
                         FROM payment.refund WHERE status = 'PENDING' AND updated_at < :before
                        ORDER BY updated_at LIMIT :limit""")
                .param("before", Timestamp.from(before)).param("limit", limit)
                .query(PaymentStore::refundRow).list();
    }

    // Figures

    record OutcomeCount(PaymentStatus status, boolean challenged, String declineCode, long count) {
    }

    List<OutcomeCount> outcomes(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT status, challenged, decline_code, COUNT(*) AS n FROM payment.payment
                        WHERE created_at >= :from AND created_at < :to
                        GROUP BY status, challenged, decline_code""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new OutcomeCount(PaymentStatus.valueOf(rs.getString("status")), rs.getBoolean("challenged"),
                        rs.getString("decline_code"), rs.getLong("n")))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        String brand = rs.getString("card_brand");
        String last4 = rs.getString("card_last4");
        return new Row(new PaymentId(rs.getObject("id", UUID.class)), rs.getString("reference"), rs.getString("provider"),
                rs.getString("method"), PaymentStatus.valueOf(rs.getString("status")),
                Money.of(rs.getBigDecimal("amount"), currency), Money.of(rs.getBigDecimal("refunded"), currency),
                rs.getString("decline_code"), rs.getBoolean("challenged"),
                brand == null || last4 == null ? null : new CardDetails(brand, last4),
                rs.getString("gift_card_code"), rs.getString("provider_reference"), rs.getString("redirect_url"),
                rs.getString("return_url"), rs.getString("idempotency_key"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("instalments", Integer.class));
    }

    private static RefundRow refundRow(ResultSet rs, int n) throws SQLException {
        return new RefundRow(rs.getObject("id", UUID.class), new PaymentId(rs.getObject("payment_id", UUID.class)),
                Money.of(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency"))),
                rs.getString("status"), rs.getString("provider_reference"), rs.getString("failure"), rs.getString("idempotency_key"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
