package io.boucle.invoicing;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;
import io.boucle.shared.Percentage;
import io.boucle.tax.VatCategory;
import io.boucle.tax.VatCountry;
import io.boucle.tax.VatExemptionReason;
import io.boucle.tax.VatRegime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issued documents in the database: written once, read back into exactly the {@link Invoice} that was
 * hashed. Every column an issued document has is read, so the hash check covers all of it.
 */
@Component
class IssuedDocuments {

    /**
     * A stored document with its place in the hash chain. Its content is empty when the stored rows no
     * longer make a valid document (changed behind the application's back): readers then fail, and the
     * chain verification reports the document instead of failing.
     *
     * @param number the number as stored
     */
    record Stored(UUID id, String number, long position, String hash, int canonicalVersion, Optional<Invoice> content,
            Optional<String> problem) {

        Invoice document() {
            return content.orElseThrow(() -> new IllegalStateException("the issued document " + number
                    + " cannot be read back (" + problem.orElse("") + "): verify the hash chain"));
        }
    }

    private final JdbcClient jdbc;

    IssuedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Writing

    void insert(UUID id, Invoice document, HashChain.Head link, Optional<UUID> original) {
        Seller seller = document.seller();
        InvoiceBuyer buyer = document.buyer();
        Optional<PostalAddress> delivery = document.deliveryAddress();
        Invoice.Totals totals = document.totals();
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("id", id);
        columns.put("number", document.number().value());
        columns.put("series", document.number().series());
        columns.put("sequence", document.number().sequence());
        columns.put("document_type", document.type().name());
        columns.put("chain_position", link.position());
        columns.put("hash", link.hash());
        columns.put("canonical_version", CanonicalForm.versionFor(document));
        columns.put("issue_date", Date.valueOf(document.issueDate()));
        columns.put("issued_at", Timestamp.from(document.issuedAt()));
        columns.put("order_reference", document.orderReference());
        columns.put("currency", document.currency().getCurrencyCode());
        columns.put("operation_category", document.operationCategory().name());
        columns.put("delivery_date", document.deliveryDate().map(Date::valueOf).orElse(null));
        columns.put("due_date", Date.valueOf(document.dueDate()));
        columns.put("seller_legal_name", seller.legalName());
        columns.put("seller_legal_form", seller.legalForm());
        putAddress(columns, "seller_", Optional.of(seller.address()));
        columns.put("seller_siren", seller.siren().value());
        columns.put("seller_siret", seller.siret().value());
        columns.put("seller_vat_number", seller.vatNumber());
        columns.put("seller_rcs", seller.rcs());
        columns.put("seller_share_capital", seller.shareCapital().map(Money::amount).orElse(null));
        columns.put("buyer_name", buyer.name());
        columns.put("buyer_company_name", buyer.companyName().orElse(null));
        putAddress(columns, "buyer_", Optional.of(buyer.address()));
        columns.put("buyer_siren", buyer.siren().map(Siren::value).orElse(null));
        columns.put("buyer_vat_number", buyer.vatNumber().orElse(null));
        putAddress(columns, "delivery_", delivery);
        columns.put("total_excl_vat", totals.exclVat().amount());
        columns.put("total_vat", totals.vat().amount());
        columns.put("total_incl_vat", totals.inclVat().amount());
        columns.put("rounding_amount", totals.roundingAmount().amount());
        columns.put("amount_payable", totals.payable().amount());
        columns.put("original_document_id", original.orElse(null));
        columns.put("original_number", document.originalInvoice().map(reference -> reference.number().value()).orElse(null));
        columns.put("original_issue_date", document.originalInvoice().map(reference -> Date.valueOf(reference.issueDate())).orElse(null));
        columns.put("credit_reason", document.creditReason().orElse(null));
        columns.put("paid_on", document.payment().map(payment -> Date.valueOf(payment.paidOn())).orElse(null));
        columns.put("payment_means", document.payment().map(payment -> payment.means().name()).orElse(null));
        columns.put("paid_amount", document.payment().map(payment -> payment.amount().amount()).orElse(null));
        columns.put("exchange_rate", document.taxCurrency().map(tax -> tax.rate().rate()).orElse(null));
        columns.put("exchange_rate_date", document.taxCurrency().map(tax -> Date.valueOf(tax.rate().date())).orElse(null));
        columns.put("vat_total_eur", document.taxCurrency().map(tax -> tax.vatInEuros().amount()).orElse(null));
        jdbc.sql("INSERT INTO invoicing.document (" + String.join(", ", columns.keySet()) + ") VALUES ("
                        + String.join(", ", columns.keySet().stream().map(name -> ":" + name).toList()) + ")")
                .params(columns)
                .update();

        for (Invoice.Line line : document.lines()) {
            jdbc.sql("""
                    INSERT INTO invoicing.document_line (document_id, line_number, kind, item_reference, description,
                        quantity, unit_price_excl_vat, vat_rate, vat_category, exemption_reason, vat_regime, tax_country,
                        total_excl_vat, total_vat, total_incl_vat, credited_document_id, credited_line, credited_units)
                    VALUES (:document, :number, :kind, :reference, :description, :quantity, :unitPrice, :rate, :category,
                        :exemption, :regime, :country, :exclVat, :vat, :inclVat, :creditedDocument, :creditedLine,
                        :creditedUnits)
                    """)
                    .param("document", id)
                    .param("number", line.number())
                    .param("kind", line.kind().name())
                    .param("reference", line.itemReference().orElse(null))
                    .param("description", line.description())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPriceExclVat().amount())
                    .param("rate", line.vatRate().value())
                    .param("category", line.vatCategory().name())
                    .param("exemption", line.exemptionReason().map(VatExemptionReason::code).orElse(null))
                    .param("regime", line.regime().name())
                    .param("country", line.taxCountry().map(VatCountry::code).orElse(null))
                    .param("exclVat", line.totalExclVat().amount())
                    .param("vat", line.totalVat().amount())
                    .param("inclVat", line.totalInclVat().amount())
                    .param("creditedDocument", line.creditedLine().isPresent() ? original.orElseThrow() : null)
                    .param("creditedLine", line.creditedLine().orElse(null))
                    .param("creditedUnits", line.creditedLine().isPresent() ? line.creditedUnits() : null)
                    .update();
        }
        int position = 0;
        for (Invoice.VatRow row : document.vatBreakdown()) {
            jdbc.sql("""
                    INSERT INTO invoicing.document_vat (document_id, position, category, rate, exemption_reason,
                        exemption_text, taxable_amount, vat_amount)
                    VALUES (:document, :position, :category, :rate, :exemption, :text, :base, :vat)
                    """)
                    .param("document", id)
                    .param("position", ++position)
                    .param("category", row.category().name())
                    .param("rate", row.rate().value())
                    .param("exemption", row.exemptionReason().map(VatExemptionReason::code).orElse(null))
                    .param("text", row.exemptionText().orElse(null))
                    .param("base", row.taxableAmount().amount())
                    .param("vat", row.vatAmount().amount())
                    .update();
        }
        position = 0;
        for (Invoice.Mention mention : document.mentions()) {
            jdbc.sql("""
                    INSERT INTO invoicing.document_mention (document_id, position, kind, text)
                    VALUES (:document, :position, :kind, :text)
                    """)
                    .param("document", id)
                    .param("position", ++position)
                    .param("kind", mention.kind().name())
                    .param("text", mention.text())
                    .update();
        }
    }

    // Reading

    Optional<Stored> find(InvoiceNumber number) {
        return load("d.number = :number", Map.of("number", number.value())).stream().findFirst();
    }

    Optional<Stored> invoiceForOrder(String orderReference) {
        return load("d.order_reference = :order AND d.document_type = 'INVOICE'", Map.of("order", orderReference))
                .stream().findFirst();
    }

    /** An order's invoice and credit notes, in the order issued. */
    List<Invoice> forOrder(String orderReference) {
        return load("d.order_reference = :order", Map.of("order", orderReference)).stream().map(Stored::document).toList();
    }

    /**
     * Issued documents, newest first, whose number, order or buyer (person or company) matches the query,
     * of one type or both.
     */
    io.boucle.shared.Page<InvoiceSummary> search(String query, Optional<InvoiceType> type, int page, int size) {
        String q = query == null ? "" : query.strip();
        String escaped = q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String where = " WHERE (CAST(:type AS TEXT) IS NULL OR document_type = :type)"
                + (q.isEmpty() ? "" : " AND (upper(number) = upper(:q) OR upper(order_reference) = upper(:q)"
                        + " OR lower(buyer_name) LIKE :pattern OR lower(coalesce(buyer_company_name, '')) LIKE :pattern)");
        Map<String, Object> params = new HashMap<>();
        params.put("type", type.map(Enum::name).orElse(null));
        params.put("q", q);
        params.put("pattern", "%" + escaped + "%");
        long total = jdbc.sql("SELECT count(*) FROM invoicing.document" + where).params(params).query(Long.class).single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<InvoiceSummary> items = jdbc.sql("""
                        SELECT number, document_type, issue_date, order_reference,
                               coalesce(buyer_company_name, buyer_name) AS buyer, amount_payable, currency, original_number
                        FROM invoicing.document""" + where + " ORDER BY chain_position DESC LIMIT :size OFFSET :offset")
                .params(params)
                .query((row, n) -> {
                    Currency currency = Currency.getInstance(row.getString("currency"));
                    String original = row.getString("original_number");
                    return new InvoiceSummary(InvoiceNumber.parse(row.getString("number")),
                            InvoiceType.valueOf(row.getString("document_type")), row.getObject("issue_date", LocalDate.class),
                            row.getString("order_reference"), row.getString("buyer"), money(row, "amount_payable", currency),
                            Optional.ofNullable(original).map(InvoiceNumber::parse));
                })
                .list();
        return new io.boucle.shared.Page<>(items, page, size, total);
    }

    /** Up to {@code limit} documents after a chain position, in chain order. */
    List<Stored> chainedAfter(long position, int limit) {
        return load("d.chain_position > :after", "LIMIT :limit", Map.of("after", position, "limit", limit));
    }

    /**
     * Locks an invoice's row until the transaction ends, so that what its credit notes credited so far cannot
     * change before a new one is stored: two credit notes of one invoice are issued one after the other.
     * {@code NO KEY UPDATE}, the row never being updated: rows referencing it (its files, its email) can still be
     * written meanwhile.
     */
    void lockForCredit(UUID invoice) {
        jdbc.sql("SELECT id FROM invoicing.document WHERE id = :id FOR NO KEY UPDATE").param("id", invoice)
                .query(UUID.class).single();
    }

    /** The credit notes of an invoice, in the order issued. */
    List<Invoice> creditNotesOf(UUID invoice) {
        return load("d.original_document_id = :invoice", Map.of("invoice", invoice)).stream().map(Stored::document).toList();
    }

    private List<Stored> load(String condition, Map<String, Object> params) {
        return load(condition, "", params);
    }

    /**
     * Documents meeting a condition, in chain order, then limited by {@code limit} (e.g. "LIMIT 100"): the
     * document rows, then the lines, breakdowns and mentions of all of them in one query each.
     */
    private List<Stored> load(String condition, String limit, Map<String, Object> params) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        Map<UUID, String> problems = new HashMap<>();
        jdbc.sql("SELECT d.* FROM invoicing.document d WHERE " + condition + " ORDER BY d.chain_position " + limit)
                .params(params)
                .query(row -> {
                    UUID id = row.getObject("id", UUID.class);
                    Content content = readable(id, problems, () -> content(row));
                    rows.put(id, new Row(row.getString("number"), row.getLong("chain_position"), row.getString("hash"),
                            row.getInt("canonical_version"), content));
                });
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = List.copyOf(rows.keySet());
        Map<UUID, List<Invoice.Line>> lines = new HashMap<>();
        Map<UUID, List<Invoice.VatRow>> breakdown = new HashMap<>();
        Map<UUID, List<Invoice.Mention>> mentions = new HashMap<>();
        eachPart("document_line", "line_number", ids, (id, row) -> lines.computeIfAbsent(id, any -> new ArrayList<>())
                .add(readable(id, problems, () -> line(row, currency(rows.get(id))))));
        eachPart("document_vat", "position", ids, (id, row) -> breakdown.computeIfAbsent(id, any -> new ArrayList<>())
                .add(readable(id, problems, () -> vatRow(row, currency(rows.get(id))))));
        eachPart("document_mention", "position", ids, (id, row) -> mentions.computeIfAbsent(id, any -> new ArrayList<>())
                .add(readable(id, problems, () -> new Invoice.Mention(MentionKind.valueOf(row.getString("kind")),
                        row.getString("text")))));
        List<Stored> stored = new ArrayList<>(rows.size());
        rows.forEach((id, row) -> {
            Invoice document = null;
            try {
                if (row.content() != null) {
                    document = row.content().assembly().document(lines.getOrDefault(id, List.of()),
                            breakdown.getOrDefault(id, List.of()), mentions.getOrDefault(id, List.of()));
                }
            } catch (RuntimeException e) {
                problems.putIfAbsent(id, String.valueOf(e.getMessage()));
            }
            stored.add(new Stored(id, row.number(), row.position(), row.hash(), row.canonicalVersion(),
                    problems.containsKey(id) ? Optional.empty() : Optional.ofNullable(document),
                    Optional.ofNullable(problems.get(id))));
        });
        return stored;
    }

    /** What the database gives back, or {@code null} with the problem recorded when it is not a valid document part. */
    private static <T> T readable(UUID id, Map<UUID, String> problems, SqlSupplier<T> read) throws SQLException {
        try {
            return read.get();
        } catch (RuntimeException e) {
            problems.putIfAbsent(id, String.valueOf(e.getMessage()));
            return null;
        }
    }

    @FunctionalInterface
    private interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    @FunctionalInterface
    private interface PartReader {
        void read(UUID document, ResultSet row) throws SQLException;
    }

    /** Reads the rows of a document part table for many documents, in document and position order. */
    private void eachPart(String table, String position, List<UUID> documents, PartReader reader) {
        jdbc.sql("SELECT * FROM invoicing." + table + " WHERE document_id IN (:ids) ORDER BY document_id, " + position)
                .param("ids", documents)
                .query(row -> {
                    reader.read(row.getObject("document_id", UUID.class), row);
                });
    }

    private static Currency currency(Row row) {
        return row.content() == null ? Money.EUR : row.content().currency();
    }

    /** A document row: its place in the chain, and its content but for the parts read for many rows at once. */
    private record Row(String number, long position, String hash, int canonicalVersion, Content content) {
    }

    private record Content(Currency currency, Assembly assembly) {
    }

    @FunctionalInterface
    private interface Assembly {
        Invoice document(List<Invoice.Line> lines, List<Invoice.VatRow> breakdown, List<Invoice.Mention> mentions);
    }

    private static Content content(ResultSet row) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency"));
        InvoiceNumber number = InvoiceNumber.parse(row.getString("number"));
        InvoiceType type = InvoiceType.valueOf(row.getString("document_type"));
        LocalDate issueDate = row.getObject("issue_date", LocalDate.class);
        Instant issuedAt = row.getTimestamp("issued_at").toInstant();
        String orderReference = row.getString("order_reference");
        OperationCategory category = OperationCategory.valueOf(row.getString("operation_category"));
        Optional<LocalDate> deliveryDate = Optional.ofNullable(row.getObject("delivery_date", LocalDate.class));
        LocalDate dueDate = row.getObject("due_date", LocalDate.class);
        Seller seller = new Seller(row.getString("seller_legal_name"), row.getString("seller_legal_form"),
                address(row, "seller_").orElseThrow(), Siren.of(row.getString("seller_siren")),
                Siret.of(row.getString("seller_siret")), row.getString("seller_vat_number"),
                row.getString("seller_rcs"), optionalMoney(row, "seller_share_capital", Money.EUR));
        InvoiceBuyer buyer = new InvoiceBuyer(row.getString("buyer_name"), address(row, "buyer_").orElseThrow(),
                Optional.ofNullable(row.getString("buyer_company_name")),
                Optional.ofNullable(row.getString("buyer_siren")).map(Siren::of),
                Optional.ofNullable(row.getString("buyer_vat_number")));
        Optional<PostalAddress> deliveryAddress = address(row, "delivery_");
        Invoice.Totals totals = new Invoice.Totals(money(row, "total_excl_vat", currency), money(row, "total_vat", currency),
                money(row, "total_incl_vat", currency), money(row, "rounding_amount", currency),
                money(row, "amount_payable", currency));
        String originalNumber = row.getString("original_number");
        Optional<Invoice.Reference> original = originalNumber == null ? Optional.empty()
                : Optional.of(new Invoice.Reference(InvoiceNumber.parse(originalNumber),
                        row.getObject("original_issue_date", LocalDate.class)));
        Optional<String> reason = Optional.ofNullable(row.getString("credit_reason"));
        LocalDate paidOn = row.getObject("paid_on", LocalDate.class);
        Optional<InvoicePayment> payment = paidOn == null ? Optional.empty()
                : Optional.of(new InvoicePayment(paidOn, PaymentMeans.valueOf(row.getString("payment_means")),
                        money(row, "paid_amount", currency)));
        BigDecimal rate = row.getBigDecimal("exchange_rate");
        Optional<TaxCurrency> taxCurrency = rate == null ? Optional.empty()
                : Optional.of(new TaxCurrency(new io.boucle.shared.ExchangeRate(currency, rate,
                        row.getObject("exchange_rate_date", LocalDate.class)), money(row, "vat_total_eur", Money.EUR)));
        return new Content(currency, (lines, breakdown, mentions) -> new Invoice(number, type, issueDate, issuedAt, orderReference, currency,
                        category, seller, buyer, deliveryAddress, deliveryDate, dueDate, lines, breakdown, totals, mentions,
                        original, reason, payment, taxCurrency));
    }

    private static Invoice.Line line(ResultSet row, Currency currency) throws SQLException {
        int credited = row.getInt("credited_line");
        Optional<Integer> creditedLine = row.wasNull() ? Optional.empty() : Optional.of(credited);
        int units = row.getInt("credited_units");
        // Credit notes issued before partial credits credited whole lines: as many units as their quantity.
        int creditedUnits = row.wasNull() ? (creditedLine.isPresent() ? row.getInt("quantity") : 0) : units;
        return new Invoice.Line(row.getInt("line_number"), Invoice.LineKind.valueOf(row.getString("kind")),
                Optional.ofNullable(row.getString("item_reference")), row.getString("description"), row.getInt("quantity"),
                money(row, "unit_price_excl_vat", currency), new Percentage(row.getBigDecimal("vat_rate")),
                VatCategory.valueOf(row.getString("vat_category")), exemption(row.getString("exemption_reason")),
                VatRegime.valueOf(row.getString("vat_regime")),
                Optional.ofNullable(row.getString("tax_country")).map(VatCountry::of),
                money(row, "total_excl_vat", currency), money(row, "total_vat", currency),
                money(row, "total_incl_vat", currency), creditedLine, creditedUnits);
    }

    private static Invoice.VatRow vatRow(ResultSet row, Currency currency) throws SQLException {
        return new Invoice.VatRow(VatCategory.valueOf(row.getString("category")), new Percentage(row.getBigDecimal("rate")),
                exemption(row.getString("exemption_reason")), Optional.ofNullable(row.getString("exemption_text")),
                money(row, "taxable_amount", currency), money(row, "vat_amount", currency));
    }

    private static Optional<VatExemptionReason> exemption(String code) {
        return code == null ? Optional.empty()
                : Optional.of(Arrays.stream(VatExemptionReason.values()).filter(reason -> reason.code().equals(code))
                        .findFirst().orElseThrow(() -> new IllegalStateException("unknown exemption reason " + code)));
    }

    private static Money money(ResultSet row, String column, Currency currency) throws SQLException {
        return Money.of(row.getBigDecimal(column), currency);
    }

    private static Optional<Money> optionalMoney(ResultSet row, String column, Currency currency) throws SQLException {
        BigDecimal amount = row.getBigDecimal(column);
        return amount == null ? Optional.empty() : Optional.of(Money.of(amount, currency));
    }

    private static Optional<PostalAddress> address(ResultSet row, String prefix) throws SQLException {
        String line1 = row.getString(prefix + "line1");
        if (line1 == null) {
            return Optional.empty();
        }
        return Optional.of(new PostalAddress(line1, Optional.ofNullable(row.getString(prefix + "line2")),
                row.getString(prefix + "postal_code"), row.getString(prefix + "city"),
                CountryCode.of(row.getString(prefix + "country"))));
    }

    private static void putAddress(Map<String, Object> columns, String prefix, Optional<PostalAddress> address) {
        columns.put(prefix + "line1", address.map(PostalAddress::line1).orElse(null));
        columns.put(prefix + "line2", address.flatMap(PostalAddress::line2).orElse(null));
        columns.put(prefix + "postal_code", address.map(PostalAddress::postalCode).orElse(null));
        columns.put(prefix + "city", address.map(PostalAddress::city).orElse(null));
        columns.put(prefix + "country", address.map(a -> a.country().value()).orElse(null));
    }
}
