package io.boucle.invoicing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one row of merchant settings. */
@Component
class MerchantSettingsStore {

    /** The settings and when an owner last saved them; never saved means the demo defaults, unconfirmed. */
    record Current(MerchantSettings settings, Optional<Instant> confirmedAt) {
    }

    private final JdbcClient jdbc;

    MerchantSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Current read() {
        return jdbc.sql("SELECT * FROM invoicing.merchant_settings").query((row, n) -> current(row)).single();
    }

    void save(MerchantSettings settings, Instant at) {
        jdbc.sql("""
                UPDATE invoicing.merchant_settings SET legal_name = :legalName, legal_form = :legalForm,
                    address_line1 = :line1, address_line2 = :line2, postal_code = :postalCode, city = :city, country = :country,
                    siren = :siren, siret = :siret, vat_number = :vatNumber, rcs = :rcs, share_capital = :shareCapital,
                    vat_on_debits = :vatOnDebits, payment_terms = :paymentTerms, payment_term_days = :paymentTermDays,
                    early_payment_discount = :earlyPaymentDiscount, late_payment_penalties = :latePaymentPenalties,
                    recovery_indemnity = :recoveryIndemnity, invoice_prefix = :invoicePrefix,
                    credit_note_prefix = :creditNotePrefix, confirmed_at = :at, updated_at = :at
                """)
                .param("legalName", settings.legalName())
                .param("legalForm", settings.legalForm())
                .param("line1", settings.address().line1())
                .param("line2", settings.address().line2().orElse(null))
                .param("postalCode", settings.address().postalCode())
                .param("city", settings.address().city())
                .param("country", settings.address().country().value())
                .param("siren", settings.siren())
                .param("siret", settings.siret())
                .param("vatNumber", settings.vatNumber())
                .param("rcs", settings.rcs())
                .param("shareCapital", settings.shareCapital().map(Money::amount).orElse(null))
                .param("vatOnDebits", settings.vatOnDebits())
                .param("paymentTerms", settings.paymentTerms())
                .param("paymentTermDays", settings.paymentTermDays())
                .param("earlyPaymentDiscount", settings.earlyPaymentDiscount())
                .param("latePaymentPenalties", settings.latePaymentPenalties())
                .param("recoveryIndemnity", settings.recoveryIndemnity())
                .param("invoicePrefix", settings.invoicePrefix())
                .param("creditNotePrefix", settings.creditNotePrefix())
                .param("at", Timestamp.from(at))
                .update();
    }

    InvoiceWhen invoiceWhen() {
        return InvoiceWhen.valueOf(jdbc.sql("SELECT invoice_when FROM invoicing.merchant_settings").query(String.class).single());
    }

    void saveInvoiceWhen(InvoiceWhen when) {
        jdbc.sql("UPDATE invoicing.merchant_settings SET invoice_when = :when").param("when", when.name()).update();
    }

    /** Accepts the demo company's settings as they are, in a demo shop only. */
    void confirmAsTheyAre(Instant at) {
        jdbc.sql("UPDATE invoicing.merchant_settings SET confirmed_at = :at WHERE confirmed_at IS NULL")
                .param("at", Timestamp.from(at))
                .update();
    }

    private static Current current(ResultSet row) throws SQLException {
        BigDecimal capital = row.getBigDecimal("share_capital");
        Timestamp confirmed = row.getTimestamp("confirmed_at");
        MerchantSettings settings = new MerchantSettings(row.getString("legal_name"), row.getString("legal_form"),
                new PostalAddress(row.getString("address_line1"), Optional.ofNullable(row.getString("address_line2")),
                        row.getString("postal_code"), row.getString("city"), CountryCode.of(row.getString("country"))),
                row.getString("siren"), row.getString("siret"), row.getString("vat_number"), row.getString("rcs"),
                Optional.ofNullable(capital).map(amount -> Money.of(amount, Money.EUR)), row.getBoolean("vat_on_debits"),
                row.getString("payment_terms"), row.getInt("payment_term_days"), row.getString("early_payment_discount"),
                row.getString("late_payment_penalties"), row.getString("recovery_indemnity"),
                row.getString("invoice_prefix"), row.getString("credit_note_prefix"));
        return new Current(settings, Optional.ofNullable(confirmed).map(Timestamp::toInstant));
    }
}
