package io.boucle.invoicing;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.List;

import io.boucle.shared.Csv;
import io.boucle.shared.InvalidField;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the accountant takes from the issued documents, read from them alone (never from orders), so
 * every figure can be traced to a numbered invoice or credit note:
 * <ul>
 * <li>the <b>journal</b>: every document of a period, one row per VAT rate it shows;</li>
 * <li>the <b>OSS return</b> of a quarter (Directive 2006/112/EC art. 369f–369g; Regulation (EU)
 * 282/2011 art. 61): for each member state of consumption and rate, the taxable amount and the VAT
 * of the goods sent to consumers there and taxed there; credit notes of the same quarter are
 * netted, those correcting an earlier quarter are listed apart, by country and quarter corrected,
 * as corrections belong to the return in which they are made (art. 369h, Regulation art. 61);</li>
 * <li>the daily <b>B2C e-reporting</b> aggregates (DOMAIN-RULES §2; CGI art. 290 A): per day,
 * category and rate, the totals excl. VAT and the VAT, and how many documents make them.</li>
 * </ul>
 * Credit notes count negatively everywhere. A document in another currency than the euro (an order charged in
 * GBP, USD or CHF) is converted to euros at the rate it stores, its order's, never the rate of the day: the
 * journal shows its own figures and currency with their euro equivalents, and the OSS return and the
 * e-reporting, which are made in euros, add up the euro figures only. Each of its lines is converted by itself,
 * {@code amount / rate} rounded half up to the cent ({@link io.boucle.shared.ExchangeRate#toEuros}), so the
 * returns' rows are sums of the same euro figures whatever their grouping.
 * Margin-scheme lines carry no VAT on the documents (CGI art. 297 E): the e-reporting shows their
 * selling prices with zero VAT, the VAT due on their margins being computed from the private purchase
 * prices, which the documents never show.
 */
@Service
public class AccountingReports {

    /** Longest period a journal or e-reporting export covers at once. */
    static final int MAX_DAYS = 366;

    /** The e-reporting categories of B2C sales (DOMAIN-RULES §2). */
    public enum EReportingCategory {
        /** Goods, and the delivery that follows them, taxed in France (domestic and distance sales under the threshold). */
        GOODS_TAXED_IN_FRANCE,
        /** Services taxed in France. */
        SERVICES_TAXED_IN_FRANCE,
        /** Sales taxed in another member state through OSS, and exports: not taxed in France. */
        NOT_TAXED_IN_FRANCE,
        /** Second-hand goods under the margin scheme. */
        MARGIN_SCHEME
    }

    /**
     * One VAT rate of one document, in its currency, and in euros at its stored rate.
     *
     * @param exchangeRate        for a document not in euros, how many units of its currency one euro bought, at its
     *                            order's rate; null in euros
     * @param documentVatInEuros  the document's VAT total in euros: for a document not in euros, the one it states
     *                            (BT-111, the VAT its order was assessed in euros); repeated on each of its rows
     */
    public record JournalRow(String number, InvoiceType type, LocalDate issueDate, String orderReference, String buyer,
            String buyerCountry, String buyerVatNumber, String currency, String vatCategory, BigDecimal vatRate,
            BigDecimal taxableAmount, BigDecimal vatAmount, BigDecimal documentTotalInclVat, String originalNumber,
            BigDecimal exchangeRate, BigDecimal taxableAmountInEuros, BigDecimal vatAmountInEuros,
            BigDecimal documentTotalInEuros, BigDecimal documentVatInEuros) {
    }

    /** An amount of a document's row in euros, at the document's rate: {@code amount / rate}, half up to the cent. */
    private static String euros(String amount) {
        return "CASE WHEN d.exchange_rate IS NULL THEN " + amount + " ELSE round(" + amount + " / d.exchange_rate, 2) END";
    }

    /** The supplies to one member state at one rate. */
    public record OssLine(String country, BigDecimal vatRate, String currency, BigDecimal taxableAmount, BigDecimal vatAmount) {
    }

    /** What credit notes of the quarter take off a return already made for an earlier quarter. */
    public record OssCorrection(String country, int year, int quarter, String currency, BigDecimal taxableAmount,
            BigDecimal vatAmount) {
    }

    public record OssReturn(int year, int quarter, LocalDate from, LocalDate to, List<OssLine> supplies,
            List<OssCorrection> corrections) {

        public BigDecimal totalVat() {
            return supplies.stream().map(OssLine::vatAmount).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .add(corrections.stream().map(OssCorrection::vatAmount).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    public record EReportingLine(LocalDate day, EReportingCategory category, BigDecimal vatRate, String currency,
            BigDecimal totalExclVat, BigDecimal vatAmount, long documents) {
    }

    private static final String SIGN = "CASE WHEN d.document_type = 'CREDIT_NOTE' THEN -1 ELSE 1 END";

    private final JdbcClient jdbc;

    AccountingReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every document issued from {@code from} to {@code to} inclusive, in the order of their numbers per series. */
    @Transactional(readOnly = true)
    public List<JournalRow> journal(LocalDate from, LocalDate to) {
        requirePeriod(from, to);
        return jdbc.sql("""
                        SELECT d.number, d.document_type, d.issue_date, d.order_reference,
                               coalesce(d.buyer_company_name, d.buyer_name) AS buyer, d.buyer_country, d.buyer_vat_number,
                               d.currency, v.category, v.rate, %1$s * v.taxable_amount AS taxable, %1$s * v.vat_amount AS vat,
                               %1$s * d.total_incl_vat AS total, d.original_number, d.exchange_rate,
                               %1$s * %2$s AS taxable_eur, %1$s * %3$s AS vat_eur, %1$s * %4$s AS total_eur,
                               %1$s * coalesce(d.vat_total_eur, d.total_vat) AS document_vat_eur
                        FROM invoicing.document d JOIN invoicing.document_vat v ON v.document_id = d.id
                        WHERE d.issue_date BETWEEN :from AND :to
                        ORDER BY d.issue_date, d.series, d.sequence, v.position""".formatted(SIGN, euros("v.taxable_amount"),
                        euros("v.vat_amount"), euros("d.total_incl_vat")))
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((row, n) -> new JournalRow(row.getString("number"), InvoiceType.valueOf(row.getString("document_type")),
                        row.getDate("issue_date").toLocalDate(), row.getString("order_reference"), row.getString("buyer"),
                        row.getString("buyer_country"), row.getString("buyer_vat_number"), row.getString("currency"),
                        row.getString("category"), row.getBigDecimal("rate"), row.getBigDecimal("taxable"),
                        row.getBigDecimal("vat"), row.getBigDecimal("total"), row.getString("original_number"),
                        row.getBigDecimal("exchange_rate") == null ? null : row.getBigDecimal("exchange_rate").stripTrailingZeros(),
                        row.getBigDecimal("taxable_eur"), row.getBigDecimal("vat_eur"), row.getBigDecimal("total_eur"),
                        row.getBigDecimal("document_vat_eur")))
                .list();
    }

    public String journalCsv(LocalDate from, LocalDate to) {
        Csv csv = new Csv("number", "type", "issue_date", "order", "buyer", "buyer_country", "buyer_vat_number", "currency",
                "vat_category", "vat_rate", "taxable_amount", "vat_amount", "document_total_incl_vat", "original_number",
                "exchange_rate", "taxable_amount_eur", "vat_amount_eur", "document_total_incl_vat_eur", "document_vat_eur");
        for (JournalRow row : journal(from, to)) {
            csv.row(row.number(), row.type(), row.issueDate(), row.orderReference(), row.buyer(), row.buyerCountry(),
                    row.buyerVatNumber(), row.currency(), row.vatCategory(), row.vatRate(), row.taxableAmount(),
                    row.vatAmount(), row.documentTotalInclVat(), row.originalNumber(), row.exchangeRate(),
                    row.taxableAmountInEuros(), row.vatAmountInEuros(), row.documentTotalInEuros(), row.documentVatInEuros());
        }
        return csv.toString();
    }

    /** The OSS return of a calendar quarter ({@code quarter} 1 to 4). */
    @Transactional(readOnly = true)
    public OssReturn ossReturn(int year, int quarter) {
        if (year < 2021 || year > 9999) {
            // The OSS started on 1 July 2021 (Directive (EU) 2017/2455).
            throw new InvalidField("year", "from 2021, when the OSS started");
        }
        if (quarter < 1 || quarter > 4) {
            throw new InvalidField("quarter", "1 to 4");
        }
        LocalDate from = LocalDate.of(year, 1, 1).with(IsoFields.QUARTER_OF_YEAR, quarter);
        LocalDate to = from.plusMonths(3).minusDays(1);
        List<OssLine> supplies = jdbc.sql("""
                        SELECT l.tax_country, l.vat_rate, 'EUR' AS currency,
                               sum(%1$s * %2$s) AS taxable, sum(%1$s * %3$s) AS vat
                        FROM invoicing.document d
                        JOIN invoicing.document_line l ON l.document_id = d.id
                        LEFT JOIN invoicing.document o ON o.id = d.original_document_id
                        WHERE l.vat_regime = 'OSS_DESTINATION' AND d.issue_date BETWEEN :from AND :to
                          AND (o.id IS NULL OR o.issue_date >= :from)
                        GROUP BY l.tax_country, l.vat_rate
                        ORDER BY l.tax_country, l.vat_rate DESC""".formatted(SIGN, euros("l.total_excl_vat"),
                        euros("l.total_vat")))
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((row, n) -> new OssLine(row.getString("tax_country"), row.getBigDecimal("vat_rate"),
                        row.getString("currency"), row.getBigDecimal("taxable"), row.getBigDecimal("vat")))
                .list();
        List<OssCorrection> corrections = jdbc.sql("""
                        SELECT l.tax_country, extract(YEAR FROM o.issue_date)::int AS year,
                               extract(QUARTER FROM o.issue_date)::int AS quarter, 'EUR' AS currency,
                               -sum(%1$s) AS taxable, -sum(%2$s) AS vat
                        FROM invoicing.document d
                        JOIN invoicing.document_line l ON l.document_id = d.id
                        JOIN invoicing.document o ON o.id = d.original_document_id
                        WHERE l.vat_regime = 'OSS_DESTINATION' AND d.issue_date BETWEEN :from AND :to
                          AND o.issue_date < :from
                        GROUP BY 1, 2, 3
                        ORDER BY 1, 2, 3""".formatted(euros("l.total_excl_vat"), euros("l.total_vat")))
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((row, n) -> new OssCorrection(row.getString("tax_country"), row.getInt("year"), row.getInt("quarter"),
                        row.getString("currency"), row.getBigDecimal("taxable"), row.getBigDecimal("vat")))
                .list();
        return new OssReturn(year, quarter, from, to, supplies, corrections);
    }

    public String ossReturnCsv(int year, int quarter) {
        OssReturn oss = ossReturn(year, quarter);
        Csv csv = new Csv("section", "country", "vat_rate", "period_corrected", "currency", "taxable_amount", "vat_amount");
        oss.supplies().forEach(line -> csv.row("supplies", line.country(), line.vatRate(), null, line.currency(),
                line.taxableAmount(), line.vatAmount()));
        oss.corrections().forEach(line -> csv.row("correction", line.country(), null, line.year() + "-Q" + line.quarter(),
                line.currency(), line.taxableAmount(), line.vatAmount()));
        return csv.toString();
    }

    /**
     * The B2C aggregates of each day from {@code from} to {@code to} inclusive. A sale is B2C when its
     * buyer gave neither a VAT number nor a SIREN: business sales are e-invoiced instead.
     */
    @Transactional(readOnly = true)
    public List<EReportingLine> eReporting(LocalDate from, LocalDate to) {
        requirePeriod(from, to);
        return jdbc.sql("""
                        SELECT d.issue_date, CASE
                                   WHEN l.vat_regime = 'MARGIN_SCHEME' THEN 'MARGIN_SCHEME'
                                   WHEN l.vat_regime IN ('OSS_DESTINATION', 'EXPORT') THEN 'NOT_TAXED_IN_FRANCE'
                                   WHEN l.kind = 'SERVICES' THEN 'SERVICES_TAXED_IN_FRANCE'
                                   ELSE 'GOODS_TAXED_IN_FRANCE' END AS category,
                               l.vat_rate, 'EUR' AS currency, sum(%1$s * %2$s) AS excl, sum(%1$s * %3$s) AS vat,
                               count(DISTINCT d.id) AS documents
                        FROM invoicing.document d JOIN invoicing.document_line l ON l.document_id = d.id
                        WHERE d.issue_date BETWEEN :from AND :to AND d.buyer_vat_number IS NULL AND d.buyer_siren IS NULL
                        GROUP BY 1, 2, 3
                        ORDER BY 1, 2, 3 DESC""".formatted(SIGN, euros("l.total_excl_vat"), euros("l.total_vat")))
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((row, n) -> new EReportingLine(row.getDate("issue_date").toLocalDate(),
                        EReportingCategory.valueOf(row.getString("category")), row.getBigDecimal("vat_rate"),
                        row.getString("currency"), row.getBigDecimal("excl"), row.getBigDecimal("vat"), row.getLong("documents")))
                .list();
    }

    public String eReportingCsv(LocalDate from, LocalDate to) {
        Csv csv = new Csv("day", "category", "vat_rate", "currency", "total_excl_vat", "vat_amount", "documents");
        eReporting(from, to).forEach(line -> csv.row(line.day(), line.category(), line.vatRate(), line.currency(),
                line.totalExclVat(), line.vatAmount(), line.documents()));
        return csv.toString();
    }

    /** A date typed by a person or a client, such as 2026-05-01; null when blank. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "a date such as 2026-05-01");
        }
    }

    private static void requirePeriod(LocalDate from, LocalDate to) {
        if (from == null) {
            throw new InvalidField("from", "required (yyyy-mm-dd)");
        }
        if (to == null) {
            throw new InvalidField("to", "required (yyyy-mm-dd)");
        }
        if (to.isBefore(from)) {
            throw new InvalidField("to", "must not be before from");
        }
        if (to.isAfter(from.plusDays(MAX_DAYS - 1))) {
            throw new InvalidField("to", "at most " + MAX_DAYS + " days after from");
        }
    }
}
