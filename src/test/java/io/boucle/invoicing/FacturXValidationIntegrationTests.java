package io.boucle.invoicing;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One document of each kind the shop issues, issued by {@link Invoicing} on the VAT engine's assessment and
 * made into its Factur-X file as a customer receives it, then checked by Mustang's validator: valid EN 16931
 * (PDF/A-3 and XML), and exactly the warnings listed, none other.
 *
 * <p>The French e-invoicing rules (BR-FR) are those of invoices between businesses. A consumer in France is
 * e-reported, not e-invoiced, so the validator's French rules, which assume a business buyer, warn of what a
 * consumer invoice rightly lacks: the business terms notes PMT, PMD and AAB (Code de commerce L441-9 and
 * L441-10 concern professional buyers; a consumer pays at the order) and the buyer's electronic address BT-49
 * (a consumer has none on the e-invoicing network). Those four, and nothing else, are expected on the
 * documents of consumers in France; the validator applies no French rule to buyers abroad.
 */
@IntegrationTest
class FacturXValidationIntegrationTests {

    /** What the French rules say of a consumer's invoice, which they do not govern (see above). */
    static final Set<String> CONSUMER_IN_FRANCE = Set.of("BR-FR-05_BT-22_PMT", "BR-FR-05_BT-22_PMD",
            "BR-FR-05_BT-22_AAB", "BR-FR-12_BT-49");
    /**
     * A document delivered to the billing address and supplied the day it is issued states neither (as the
     * French rules allow, CGI ann. II art. 242 nonies A), and a credit note has no delivery of its own: Mustang
     * then writes an empty {@code ApplicableHeaderTradeDelivery}, which EN 16931's schematron warns of (a
     * warning, not an error). An intra-Community supply states both (BR-IC-11, BR-IC-12), so it has none.
     */
    static final String EMPTY_DELIVERY = "PEPPOL-EN16931-R008";

    static final InvoiceBuyer ROUX = InvoiceBuyer.business("Paul Roux", "Roux SARL",
            PostalAddress.of("3 quai Saint-Antoine", "Bâtiment B", "69002", "Lyon", "FR"), "732829320", "FR44732829320");
    /** A Belgian company whose VAT number VIES confirmed (the fixture tells the engine it is valid). */
    static final InvoiceBuyer PEETERS = InvoiceBuyer.business("Luc Peeters", "Peeters BV",
            PostalAddress.of("Rue Neuve 12", null, "1000", "Bruxelles", "BE"), null, "BE0403170701");

    @Autowired
    Invoicing invoicing;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /**
     * A document to issue and what its Factur-X must then show.
     *
     * @param issue    issues the document through the invoicing service, given a unique order reference and today
     * @param warnings the validator's warnings and errors expected, by rule id: exactly these
     * @param xml      what the CII XML must contain for the case to be the one intended
     */
    record Case(String name, BiFunction<FacturXValidationIntegrationTests, String, Invoice> issue, Set<String> warnings,
            List<String> xml) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> documents() {
        return Stream.of(
                new Case("domestic, consumer", (test, order) -> test.invoicing.issueInvoice(test.order(order)
                        .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"))
                        .delivery("5.90").paid(test.today(), PaymentMeans.CARD).request()),
                        union(CONSUMER_IN_FRANCE, EMPTY_DELIVERY), List.of("<ram:TypeCode>380</ram:TypeCode>", "<ram:CategoryCode>S</ram:CategoryCode>",
                                "<ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>",
                                "<ram:RateApplicablePercent>5.50</ram:RateApplicablePercent>")),
                new Case("domestic, business", (test, order) -> test.invoicing.issueInvoice(test.order(order).by(ROUX)
                        .with(goods("DESK", STANDARD, 3, "299.00", "Bureau en chêne")).delivery("29.00")
                        .paid(test.today(), PaymentMeans.CARD).request()),
                        Set.of(EMPTY_DELIVERY), List.of("<ram:CategoryCode>S</ram:CategoryCode>", "<ram:URIID schemeID=\"0225\">732829320</ram:URIID>",
                                "<ram:ID schemeID=\"VA\">FR44732829320</ram:ID>", "<ram:SubjectCode>PMT</ram:SubjectCode>")),
                new Case("OSS, consumer in Germany", (test, order) -> test.invoicing.issueInvoice(test.order(order)
                        .to("DE", "10115", "Berlin").overOssThreshold()
                        .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"))
                        .delivery("9.90").paid(test.today(), PaymentMeans.CARD).request()),
                        Set.of(EMPTY_DELIVERY), List.of("<ram:CategoryCode>S</ram:CategoryCode>",
                                "<ram:RateApplicablePercent>19.00</ram:RateApplicablePercent>",
                                "<ram:RateApplicablePercent>7.00</ram:RateApplicablePercent>", "<ram:CountryID>DE</ram:CountryID>")),
                new Case("export, consumer in the United States", (test, order) -> test.invoicing.issueInvoice(test.order(order)
                        .to("US", "10001", "New York").with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"))
                        .delivery("19.90").paid(test.today(), PaymentMeans.CARD).request()),
                        Set.of(EMPTY_DELIVERY), List.of("<ram:CategoryCode>G</ram:CategoryCode>", "<ram:ExemptionReasonCode>VATEX-EU-G</ram:ExemptionReasonCode>",
                                "article 262 I du CGI", "<ram:CountryID>US</ram:CountryID>")),
                new Case("intra-EU, Belgian company", (test, order) ->
                        test.invoicing.issueInvoice(test.order(order).by(PEETERS)
                                .with(goods("DESK", STANDARD, 1, "299.00", "Bureau en chêne")).delivery("29.00")
                                .paid(test.today(), PaymentMeans.CARD).request()),
                        Set.of(), List.of("<ram:CategoryCode>K</ram:CategoryCode>", "<ram:ExemptionReasonCode>VATEX-EU-IC</ram:ExemptionReasonCode>",
                                "article 262 ter I du CGI", "<ram:ID schemeID=\"VA\">BE0403170701</ram:ID>",
                                "<ram:ID schemeID=\"VA\">FR65912345675</ram:ID>", "<ram:ShipToTradeParty>",
                                "<ram:ActualDeliverySupplyChainEvent>")),
                new Case("margin scheme, consumer", (test, order) -> test.invoicing.issueInvoice(test.order(order)
                        .with(secondHand("COAT", "160.00", "100.00", "Manteau en laine")).delivery("5.90")
                        .paid(test.today(), PaymentMeans.CARD).request()),
                        union(CONSUMER_IN_FRANCE, EMPTY_DELIVERY), List.of("<ram:CategoryCode>E</ram:CategoryCode>",
                                "<ram:ExemptionReasonCode>VATEX-EU-F</ram:ExemptionReasonCode>",
                                "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>")),
                new Case("credit note, business", (test, order) -> test.creditNoteOf(test.invoicing.issueInvoice(test.order(order)
                        .by(ROUX).with(goods("DESK", STANDARD, 3, "299.00", "Bureau en chêne")).delivery("29.00")
                        .paid(test.today(), PaymentMeans.CARD).request())),
                        Set.of(EMPTY_DELIVERY), List.of("<ram:TypeCode>381</ram:TypeCode>", "<ram:InvoiceReferencedDocument>")),
                new Case("credit note, consumer", (test, order) -> test.creditNoteOf(test.invoicing.issueInvoice(test.order(order)
                        .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), secondHand("COAT", "160.00", "100.00", "Manteau"))
                        .paid(test.today(), PaymentMeans.CARD).request())),
                        union(CONSUMER_IN_FRANCE, EMPTY_DELIVERY), List.of("<ram:TypeCode>381</ram:TypeCode>",
                                "<ram:InvoiceReferencedDocument>")),
                new Case("credit note, intra-EU", (test, order) -> test.creditNoteOf(test.invoicing.issueInvoice(test.order(order)
                        .by(PEETERS).with(goods("DESK", STANDARD, 2, "299.00", "Bureau en chêne"))
                        .paid(test.today(), PaymentMeans.CARD).request())),
                        Set.of(), List.of("<ram:TypeCode>381</ram:TypeCode>", "<ram:CategoryCode>K</ram:CategoryCode>",
                                "<ram:ShipToTradeParty>", "<ram:ActualDeliverySupplyChainEvent>")));
    }

    @BeforeEach
    void confirmDemoSettings() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void issuedDocumentIsValidEn16931WithExactlyTheExpectedWarnings(Case document) {
        Invoice issued = document.issue().apply(this, "ORD-" + id + "-" + document.name().replaceAll("[^a-zA-Z]+", "-"));

        byte[] pdf = invoicing.pdf(issued.number()).orElseThrow();
        String report = FacturXTests.validate(pdf, issued.number().value() + ".pdf");

        FacturXTests.assertValid(report);
        assertThat(messages(report)).as(report).isEqualTo(new TreeSet<>(document.warnings()));
        String xml = new String(invoicing.xml(issued.number()).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains(issued.number().value()).contains(document.xml());
        assertThat(FacturXTests.embeddedXml(pdf)).as("the file embeds the XML served").isEqualTo(xml.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    Invoice creditNoteOf(Invoice invoice) {
        return invoicing.issueCreditNote(CreditNoteRequest.lines(invoice.number(), "Article retourné", 1));
    }

    /** An order as the shop's are: sold and paid today, invoiced at once, with no other date of supply. */
    InvoiceFixtures order(String reference) {
        return anOrder(reference).soldOn(today());
    }

    java.time.LocalDate today() {
        return InvoiceContent.issueDate(clock.instant());
    }

    /** The rule ids of the validator's errors and warnings (its notices, of the German XRechnung rules, aside). */
    static Set<String> messages(String report) {
        Set<String> ids = new TreeSet<>();
        Matcher message = Pattern.compile("<(error|warning)\\b[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(report);
        while (message.find()) {
            Matcher id = Pattern.compile("\\[ID ([^\\]]+)\\]").matcher(message.group(2));
            ids.add(id.find() ? id.group(1) : message.group(2).strip());
        }
        return ids;
    }

    private static Set<String> union(Set<String> set, String more) {
        Set<String> union = new TreeSet<>(set);
        union.add(more);
        return union;
    }
}
