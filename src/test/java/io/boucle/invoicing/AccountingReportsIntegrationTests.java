package io.boucle.invoicing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.boucle.shared.InvalidField;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.boucle.invoicing.AccountingReports.EReportingCategory.GOODS_TAXED_IN_FRANCE;
import static io.boucle.invoicing.AccountingReports.EReportingCategory.MARGIN_SCHEME;
import static io.boucle.invoicing.AccountingReports.EReportingCategory.NOT_TAXED_IN_FRANCE;
import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reports on a hand-built set of documents, issued on days of a quarter no other test uses. The
 * expected figures are worked out by hand from the VAT rules: a French price of 120.00 incl. 20 % VAT
 * is 100.00 excl. VAT, charged 119.00 (19.00 VAT) to a German consumer once the OSS threshold is past.
 */
@IntegrationTest
class AccountingReportsIntegrationTests {

    static final LocalDate DAY = LocalDate.of(2043, 5, 12);
    static final LocalDate NEXT_QUARTER_DAY = LocalDate.of(2043, 7, 6);

    @Autowired
    Invoicing invoicing;

    @Autowired
    AccountingReports reports;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @Autowired
    OrderInvoicer invoicer;

    @BeforeEach
    void confirmSettings() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        // Orders of earlier tests still owed their invoice get it now, dated today, not on this test's days
        // (the retry job would issue it on whatever day the clock is then).
        invoicer.settleOwed(10_000);
    }

    @AfterEach
    void restoreClock() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aDocumentInPoundsIsInTheJournalInPoundsAndInEurosAndTheReturnsInEurosAtItsRate() {
        LocalDate day = LocalDate.of(2044, 2, 10);
        clock.set(day.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant());
        io.boucle.shared.ExchangeRate rate = new io.boucle.shared.ExchangeRate(java.util.Currency.getInstance("GBP"),
                new BigDecimal("0.8563"), day.minusDays(1));
        // 120.00 at French prices is 100.00 + 19.00 VAT in Germany: 101.90 in pounds, 85.63 + 16.27 VAT.
        Invoice invoice = invoicing.issueInvoice(anOrder(order("G")).soldOn(day).overOssThreshold().to("DE", "10115", "Berlin")
                .with(goods("LAMP", STANDARD, 1, "120.00", "Lampe")).chargedAt(rate).request());
        assertThat(invoice.totals().payable().amount()).isEqualByComparingTo("101.90");

        assertThat(reports.journal(day, day)).singleElement().satisfies(row -> {
            assertThat(row.currency()).isEqualTo("GBP");
            assertThat(row.taxableAmount()).isEqualByComparingTo("85.63");
            assertThat(row.vatAmount()).isEqualByComparingTo("16.27");
            assertThat(row.exchangeRate()).isEqualByComparingTo("0.8563");
            assertThat(row.taxableAmountInEuros()).isEqualByComparingTo("100.00");
            assertThat(row.vatAmountInEuros()).isEqualByComparingTo("19.00");
            assertThat(row.documentVatInEuros()).as("the VAT total in euros it states").isEqualByComparingTo("19.00");
        });
        assertThat(reports.ossReturn(2044, 1).supplies()).singleElement().satisfies(line -> {
            assertThat(line.country()).isEqualTo("DE");
            assertThat(line.currency()).isEqualTo("EUR");
            assertThat(line.taxableAmount()).isEqualByComparingTo("100.00");
            assertThat(line.vatAmount()).isEqualByComparingTo("19.00");
        });
        assertThat(reports.eReporting(day, day)).singleElement().satisfies(line -> {
            assertThat(line.currency()).isEqualTo("EUR");
            assertThat(line.totalExclVat()).isEqualByComparingTo("100.00");
        });
        assertThat(reports.journalCsv(day, day)).contains(",GBP,S,")
                .contains("0.8563,100.00,19.00");
    }

    @Test
    void theJournalTheOssReturnAndTheEReportingAddUpTheDocumentsOfTheirPeriod() {
        clock.set(DAY.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant());
        // A: 2 mugs at 12.00 in France: 20.00 + 4.00 VAT.
        invoicing.issueInvoice(anOrder(order("A")).soldOn(DAY).with(goods("MUG", STANDARD, 2, "12.00", "Mug")).request());
        // B: a coat under the margin scheme, 150.00, no VAT shown.
        invoicing.issueInvoice(anOrder(order("B")).soldOn(DAY).with(secondHand("COAT", "150.00", "100.00", "Manteau")).request());
        // C and D: 100.00 + 19.00 each to Germany; D is credited in full in the same quarter.
        Invoice c = invoicing.issueInvoice(anOrder(order("C")).soldOn(DAY).overOssThreshold().to("DE", "10115", "Berlin")
                .with(goods("LAMP", STANDARD, 1, "120.00", "Lampe")).request());
        Invoice d = invoicing.issueInvoice(anOrder(order("D")).soldOn(DAY).overOssThreshold().to("DE", "10115", "Berlin")
                .with(goods("CUP", STANDARD, 2, "60.00", "Tasse")).request());
        invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(d.number(), "Rétractation"));
        // E: a French business: e-invoiced, so in the journal but not in the B2C e-reporting.
        invoicing.issueInvoice(anOrder(order("E")).soldOn(DAY)
                .by(InvoiceBuyer.business("Paul Roux", "Roux SARL", PostalAddress.of("3 quai Saint-Antoine", null, "69002",
                        "Lyon", "FR"), "732829320", "FR44732829320"))
                .with(goods("MUG", STANDARD, 1, "12.00", "Mug")).request());

        List<AccountingReports.JournalRow> journal = reports.journal(DAY, DAY);
        assertThat(journal).extracting(AccountingReports.JournalRow::orderReference)
                .containsExactlyInAnyOrder(order("A"), order("B"), order("C"), order("D"), order("D"), order("E"));
        assertThat(journal).filteredOn(row -> row.type() == InvoiceType.CREDIT_NOTE).singleElement().satisfies(row -> {
            assertThat(row.taxableAmount()).isEqualByComparingTo("-100.00");
            assertThat(row.vatAmount()).isEqualByComparingTo("-19.00");
            assertThat(row.documentTotalInclVat()).isEqualByComparingTo("-119.00");
            assertThat(row.originalNumber()).isEqualTo(d.number().value());
        });

        AccountingReports.OssReturn q2 = reports.ossReturn(2043, 2);
        assertThat(q2.from()).isEqualTo(LocalDate.of(2043, 4, 1));
        assertThat(q2.to()).isEqualTo(LocalDate.of(2043, 6, 30));
        assertThat(q2.supplies()).singleElement().satisfies(line -> {
            assertThat(line.country()).isEqualTo("DE");
            assertThat(line.vatRate()).isEqualByComparingTo("19");
            assertThat(line.taxableAmount()).as("C, and D netted by its credit note").isEqualByComparingTo("100.00");
            assertThat(line.vatAmount()).isEqualByComparingTo("19.00");
        });
        assertThat(q2.corrections()).isEmpty();

        List<AccountingReports.EReportingLine> day = reports.eReporting(DAY, DAY);
        assertThat(day).allSatisfy(line -> assertThat(line.day()).isEqualTo(DAY));
        assertThat(day).filteredOn(line -> line.category() == GOODS_TAXED_IN_FRANCE).singleElement().satisfies(line -> {
            assertThat(line.vatRate()).isEqualByComparingTo("20");
            assertThat(line.totalExclVat()).as("A only: E is a business").isEqualByComparingTo("20.00");
            assertThat(line.vatAmount()).isEqualByComparingTo("4.00");
            assertThat(line.documents()).isEqualTo(1);
        });
        assertThat(day).filteredOn(line -> line.category() == MARGIN_SCHEME).singleElement().satisfies(line -> {
            assertThat(line.totalExclVat()).isEqualByComparingTo("150.00");
            assertThat(line.vatAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        });
        assertThat(day).filteredOn(line -> line.category() == NOT_TAXED_IN_FRANCE).singleElement().satisfies(line -> {
            assertThat(line.totalExclVat()).isEqualByComparingTo("100.00");
            assertThat(line.vatAmount()).isEqualByComparingTo("19.00");
            assertThat(line.documents()).as("C, D and D's credit note").isEqualTo(3);
        });
        assertThat(reports.eReportingCsv(DAY, DAY)).startsWith("\uFEFFday,category,vat_rate,")
                .contains("2043-05-12,NOT_TAXED_IN_FRANCE,19");

        // In the next quarter, C is credited: a correction of the second quarter, not a negative supply.
        clock.set(NEXT_QUARTER_DAY.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant());
        invoicing.issueCreditNote(CreditNoteRequest.wholeInvoice(c.number(), "Rétractation"));

        AccountingReports.OssReturn q3 = reports.ossReturn(2043, 3);
        assertThat(q3.supplies()).isEmpty();
        assertThat(q3.corrections()).singleElement().satisfies(line -> {
            assertThat(line.country()).isEqualTo("DE");
            assertThat(line.year()).isEqualTo(2043);
            assertThat(line.quarter()).isEqualTo(2);
            assertThat(line.taxableAmount()).isEqualByComparingTo("-100.00");
            assertThat(line.vatAmount()).isEqualByComparingTo("-19.00");
        });
        assertThat(q3.totalVat()).isEqualByComparingTo("-19.00");
        assertThat(reports.ossReturn(2043, 2).supplies()).as("a return made does not change")
                .extracting(AccountingReports.OssLine::vatAmount).singleElement()
                .satisfies(vat -> assertThat(vat).isEqualByComparingTo("19.00"));
        assertThat(reports.ossReturnCsv(2043, 3)).contains("correction,DE,,2043-Q2,EUR,-100.00");
    }

    @Test
    void periodsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> reports.journal(DAY, DAY.minusDays(1))).isInstanceOf(InvalidField.class)
                .hasMessageContaining("to");
        assertThatThrownBy(() -> reports.eReporting(DAY, DAY.plusDays(400))).isInstanceOf(InvalidField.class)
                .hasMessageContaining("366");
        assertThatThrownBy(() -> reports.journal(null, DAY)).isInstanceOf(InvalidField.class).hasMessageContaining("from");
        assertThatThrownBy(() -> reports.ossReturn(2043, 5)).isInstanceOf(InvalidField.class).hasMessageContaining("quarter");
        assertThatThrownBy(() -> reports.ossReturn(2019, 1)).isInstanceOf(InvalidField.class).hasMessageContaining("year");
        assertThatThrownBy(() -> AccountingReports.date("from", "12/05/2043")).isInstanceOf(InvalidField.class)
                .hasMessageContaining("2026-05-01");
    }

    private String order(String name) {
        return "REP-" + id + "-" + name;
    }
}
