package io.boucle.invoicing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.mustangproject.ZUGFeRD.ZUGFeRDImporter;
import org.mustangproject.validator.ZUGFeRDValidator;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.demoSettings;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Factur-X files checked by Mustang's validator, as a buyer's platform would: PDF/A-3 (veraPDF) and the
 * XML against EN 16931 and the French rules.
 */
class FacturXTests {

    static final InvoicePdf.Resources RESOURCES = InvoicePdf.Resources.load(Optional.of(logo()));
    static final Instant ISSUED_AT = Instant.parse("2026-06-16T08:00:00Z");
    static final LocalDate PAID_ON = LocalDate.of(2026, 6, 15);

    static final InvoiceBuyer ROUX = InvoiceBuyer.business("Paul Roux", "Roux SARL",
            PostalAddress.of("3 quai Saint-Antoine", "Bâtiment B", "69002", "Lyon", "FR"), "732829320", "FR44732829320");

    static Invoice consumerInvoice() {
        return InvoiceContent.invoice(anOrder("B2026-000101")
                        .with(goods("MUG-30", STANDARD, 2, "12.90", "Mug en grès émaillé, 30 cl — « Atelier »"),
                                goods("BOOK-1", REDUCED_5_5, 1, "21.10", "Livre : La céramique"),
                                secondHand("COAT-7", "160.00", "100.00", "Manteau en laine, taille M"))
                        .delivery("5.90").paid(PAID_ON, PaymentMeans.CARD).request(),
                demoSettings(), InvoiceNumber.of("F", 2026, 101), ISSUED_AT);
    }

    static Invoice businessInvoice() {
        return InvoiceContent.invoice(anOrder("B2026-000102").by(ROUX)
                        .with(goods("DESK-1", STANDARD, 3, "299.00", "Bureau en chêne massif"))
                        .delivery("29.00").paid(PAID_ON, PaymentMeans.CARD).request(),
                demoSettings(), InvoiceNumber.of("F", 2026, 102), ISSUED_AT);
    }

    @Test
    void consumerInvoiceIsValidFacturXOfProfileEn16931() throws Exception {
        Invoice invoice = consumerInvoice();

        FacturX.Files files = FacturX.make(invoice, RESOURCES);

        String report = validate(files.pdf(), "consumer.pdf");
        assertValid(report);
        String xml = new String(files.xml(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:TypeCode>380</ram:TypeCode>",
                "<ram:ID>B2</ram:ID>", "<ram:ExemptionReasonCode>VATEX-EU-F</ram:ExemptionReasonCode>",
                "<ram:TypeCode>48</ram:TypeCode>", "<ram:ID schemeID=\"0002\">912345675</ram:ID>");
        assertThat(xml).as("paid: nothing left due")
                .contains("<ram:TotalPrepaidAmount>" + invoice.totals().payable().amount().toPlainString())
                .contains("<ram:DuePayableAmount>0.00</ram:DuePayableAmount>");
        assertThat(embeddedXml(files.pdf())).isEqualTo(files.xml());
        String text = text(files.pdf());
        assertThat(text).contains("FACTURE", "F2026-000101", "Boucle Démo SAS", "Jeanne Martin",
                "Mug en grès émaillé", "Régime particulier – Biens d'occasion", "Facture acquittée le 15/06/2026",
                "RCS Paris 912 345 675");
        assertThat(text).as("a margin-scheme item's purchase price never appears").doesNotContain("100,00");
    }

    @Test
    void businessInvoiceAndItsCreditNoteMeetTheFrenchRulesToo() throws Exception {
        Invoice invoice = businessInvoice();
        Invoice note = InvoiceContent.creditNote(invoice, List.of(1), "Bureau retourné", demoSettings(),
                InvoiceNumber.of("AV", 2026, 7), ISSUED_AT.plusSeconds(3600));

        FacturX.Files invoiceFiles = FacturX.make(invoice, RESOURCES);
        FacturX.Files noteFiles = FacturX.make(note, RESOURCES);

        String invoiceReport = validate(invoiceFiles.pdf(), "business.pdf");
        assertValid(invoiceReport);
        assertThat(invoiceReport).as("no French rule broken, not even as a warning").doesNotContain("BR-FR");
        String noteReport = validate(noteFiles.pdf(), "credit-note.pdf");
        assertValid(noteReport);
        assertThat(noteReport).doesNotContain("BR-FR");
        String xml = new String(noteFiles.xml(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:TypeCode>381</ram:TypeCode>", "<ram:IssuerAssignedID>F2026-000102</ram:IssuerAssignedID>",
                "<ram:SubjectCode>PMT</ram:SubjectCode>", "<ram:SubjectCode>PMD</ram:SubjectCode>",
                "<ram:SubjectCode>AAB</ram:SubjectCode>", "<ram:URIID schemeID=\"0225\">732829320</ram:URIID>",
                "<ram:ID>B1</ram:ID>");
        assertThat(text(noteFiles.pdf())).contains("AVOIR", "AV2026-000007", "F2026-000102", "Bureau retourné", "Roux SARL");
    }

    @Test
    void partialCreditNoteOfSomeUnitsAndPartOfTheDeliveryIsValidWithoutFrenchRuleMessages() throws Exception {
        Invoice invoice = businessInvoice();
        // One desk of three (unit price 249.1667 excl. VAT: quantity × price is not the line's cents) and 10.00 of the delivery
        Invoice note = InvoiceContent.creditNote(invoice, List.of(CreditNoteRequest.LineCredit.units(1, 1),
                        CreditNoteRequest.LineCredit.amount(2, Money.euros("10.00"))), java.util.Map.of(), "Un bureau retourné",
                demoSettings(), InvoiceNumber.of("AV", 2026, 8), ISSUED_AT.plusSeconds(3600));
        assertThat(note.line(1).unitPriceExclVat()).isEqualTo(Money.euros("249.1667"));
        assertThat(note.line(1).totalExclVat()).isEqualTo(Money.euros("249.17"));
        assertThat(note.line(2).totalExclVat()).isEqualTo(Money.euros("8.33"));

        FacturX.Files files = FacturX.make(note, RESOURCES);

        String report = validate(files.pdf(), "partial-credit-note.pdf");
        assertValid(report);
        assertThat(report).doesNotContain("BR-FR");
        String xml = new String(files.xml(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:TypeCode>381</ram:TypeCode>", "<ram:IssuerAssignedID>F2026-000102</ram:IssuerAssignedID>",
                "<ram:LineTotalAmount>249.17</ram:LineTotalAmount>", "<ram:LineTotalAmount>8.33</ram:LineTotalAmount>",
                "<ram:DuePayableAmount>" + note.totals().payable().amount().toPlainString() + "</ram:DuePayableAmount>");
        assertThat(note.totals().payable()).isEqualTo(Money.euros("309.00"));
    }

    @Test
    void longInvoicesContinueOnMorePages() throws Exception {
        InvoiceFixtures order = anOrder("B2026-000103");
        for (int i = 1; i <= 45; i++) {
            order.with(goods("SKU-" + i, STANDARD, 1 + i % 3, "9.9" + i % 10,
                    "Article numéro " + i + " avec une description assez longue pour tenir sur deux lignes du tableau des articles"));
        }
        Invoice invoice = InvoiceContent.invoice(order.request(), demoSettings(), InvoiceNumber.of("F", 2026, 103), ISSUED_AT);

        FacturX.Files files = FacturX.make(invoice, RESOURCES);

        try (PDDocument pdf = Loader.loadPDF(files.pdf())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
        }
        assertThat(text(files.pdf())).contains("SKU-45", "(suite / continued)", "À payer avant le");
        assertValid(validate(files.pdf(), "long.pdf"));
    }

    @Test
    void frenchRulesAreCheckedBeforeAnyFileIsMade() {
        Invoice invoice = businessInvoice();
        Invoice withoutRecoveryIndemnity = new Invoice(invoice.number(), invoice.type(), invoice.issueDate(),
                invoice.issuedAt(), invoice.orderReference(), invoice.currency(), invoice.operationCategory(),
                invoice.seller(), invoice.buyer(), invoice.deliveryAddress(), invoice.deliveryDate(), invoice.dueDate(),
                invoice.lines(), invoice.vatBreakdown(), invoice.totals(),
                invoice.mentions().stream().filter(mention -> mention.kind() != MentionKind.RECOVERY_INDEMNITY).toList(),
                invoice.originalInvoice(), invoice.creditReason(), invoice.payment());

        assertThatIllegalArgumentException().isThrownBy(() -> FacturX.make(withoutRecoveryIndemnity, RESOURCES))
                .withMessageContaining("BR-FR-05").withMessageContaining("PMT");
        Invoice in2100 = InvoiceContent.invoice(anOrder("B2100-000001").with(goods("MUG", STANDARD, 1, "12.00", "Mug"))
                .request(), demoSettings(), InvoiceNumber.of("F", 2100, 1), Instant.parse("2100-01-04T10:00:00Z"));
        assertThat(FrenchInvoiceRules.problems(in2100)).anyMatch(problem -> problem.startsWith("BR-FR-03"));
    }

    static final io.boucle.shared.ExchangeRate GBP = new io.boucle.shared.ExchangeRate(
            java.util.Currency.getInstance("GBP"), new java.math.BigDecimal("0.8715"), LocalDate.of(2026, 6, 12));

    static Invoice poundsInvoice() {
        return InvoiceContent.invoice(anOrder("B2026-000105").by(ROUX)
                        .with(goods("MUG-30", STANDARD, 3, "12.90", "Mug en grès émaillé, 30 cl"),
                                goods("BOOK-1", REDUCED_5_5, 1, "21.10", "Livre : La céramique"),
                                secondHand("COAT-7", "160.00", "100.00", "Manteau en laine, taille M"))
                        .delivery("5.90").chargedAt(GBP).paid(PAID_ON, PaymentMeans.CARD).request(),
                demoSettings(), InvoiceNumber.of("F", 2026, 105), ISSUED_AT);
    }

    @Test
    void invoiceInPoundsStatesItsVatTotalInEurosAndIsValidEn16931() throws Exception {
        Invoice invoice = poundsInvoice();
        Money eurosVat = anOrder("B2026-000105").by(ROUX).with(goods("MUG-30", STANDARD, 3, "12.90", "Mug"),
                goods("BOOK-1", REDUCED_5_5, 1, "21.10", "Livre"), secondHand("COAT-7", "160.00", "100.00", "Manteau"))
                .delivery("5.90").request().assessment().totals().vat();

        FacturX.Files files = FacturX.make(invoice, RESOURCES);

        String report = validate(files.pdf(), "pounds.pdf");
        assertValid(report);
        assertThat(report).as("no French rule is broken").doesNotContain("BR-FR");
        String xml = new String(files.xml(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode><ram:InvoiceCurrencyCode>GBP</ram:InvoiceCurrencyCode>")
                .contains("<ram:TaxTotalAmount currencyID=\"GBP\">" + invoice.totals().vat().amount().toPlainString()
                        + "</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID=\"EUR\">" + eurosVat.amount().toPlainString()
                        + "</ram:TaxTotalAmount>");
        assertThat(invoice.taxCurrency().orElseThrow().vatInEuros()).as("the VAT assessed in euros, not a conversion back")
                .isEqualTo(eurosVat);
        assertThat(embeddedXml(files.pdf())).isEqualTo(files.xml());
        String text = text(files.pdf());
        assertThat(text).contains("Total TVA en EUR", InvoicePdf.money(eurosVat), "GBP",
                "1 EUR = 0,8715 GBP", "12/06/2026");
    }

    @Test
    void aCreditNoteInPoundsIsAtTheInvoicesRateAndValidToo() throws Exception {
        Invoice invoice = poundsInvoice();
        Invoice note = InvoiceContent.creditNote(invoice, List.of(1), "Retour", demoSettings(),
                InvoiceNumber.of("AV", 2026, 7), ISSUED_AT.plusSeconds(3600));

        assertThat(note.currency()).isEqualTo(invoice.currency());
        assertThat(note.taxCurrency().orElseThrow().rate()).isEqualTo(GBP);
        assertThat(note.taxCurrency().orElseThrow().vatInEuros()).isEqualTo(GBP.toEuros(note.totals().vat()));
        assertValid(validate(FacturX.make(note, RESOURCES).pdf(), "pounds-credit.pdf"));
    }

    @Test
    void processCodeSaysGoodsOrServicesAndWhetherAlreadyPaid() {
        assertThat(FrenchInvoiceRules.businessProcess(consumerInvoice())).isEqualTo("B2");
        Invoice unpaid = InvoiceContent.invoice(anOrder("B2026-000104").with(goods("MUG", STANDARD, 1, "12.00", "Mug"))
                .request(), demoSettings(), InvoiceNumber.of("F", 2026, 104), ISSUED_AT);
        assertThat(FrenchInvoiceRules.businessProcess(unpaid)).isEqualTo("B1");
        assertThat(unpaid.amountDue()).isEqualTo(Money.euros("12.00"));
    }

    @Test
    void figuresMustangWouldStateOtherwiseAreRefused() {
        Invoice invoice = consumerInvoice();
        String xml = new String(FacturX.make(invoice, RESOURCES).xml(), StandardCharsets.UTF_8);
        String altered = xml.replaceFirst("<ram:GrandTotalAmount>[^<]+</ram:GrandTotalAmount>",
                "<ram:GrandTotalAmount>1.00</ram:GrandTotalAmount>");

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> FacturX.checkFigures(invoice, altered.getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("BT-112");
    }

    static String validate(byte[] pdf, String name) {
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        return validator.validate(pdf, name);
    }

    static void assertValid(String report) {
        assertThat(report).as(report).contains("<summary status=\"valid\"/>").doesNotContain("status=\"invalid\"")
                .contains("isCompliant=true").contains("<profile>urn:cen.eu:en16931:2017</profile>");
    }

    static byte[] embeddedXml(byte[] pdf) {
        return new ZUGFeRDImporter(new ByteArrayInputStream(pdf)).getRawXML();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static byte[] logo() {
        try (var in = FacturXTests.class.getResourceAsStream("/invoicing/logo.png")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
