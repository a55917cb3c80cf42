package io.boucle.invoicing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.demoSettings;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The canonical text and its hash are pinned: a document issued today must hash the same in ten years. If
 * this test fails, the format changed: restore it, and put any new format under a new version.
 */
class CanonicalFormTests {

    static final Invoice INVOICE = InvoiceContent.invoice(anOrder("ORD-2026-0001")
                    .with(goods("MUG-30", STANDARD, 2, "12.90", "Mug en grès\\ émaillé, 30 cl"),
                            secondHand("COAT-7", "160.00", "100.00", "Manteau en laine\nTaille M"))
                    .delivery("5.90").request(),
            demoSettings(), InvoiceNumber.of("F", 2026, 1), Instant.parse("2026-06-16T08:00:00.123456Z"));

    @Test
    void canonicalTextListsEveryFieldOnePerLineWithEscapes() {
        assertThat(CanonicalForm.of(INVOICE, 1)).isEqualTo("""
                boucle-invoice/1
                number=F2026-000001
                type=380
                issueDate=2026-06-16
                issuedAt=2026-06-16T08:00:00.123456Z
                orderReference=ORD-2026-0001
                currency=EUR
                operationCategory=GOODS
                deliveryDate=2026-06-15
                dueDate=2026-06-16
                seller.legalName=Boucle Démo SAS
                seller.legalForm=SAS (société par actions simplifiée)
                seller.address.line1=12 rue des Artisans
                seller.address.postalCode=75011
                seller.address.city=Paris
                seller.address.country=FR
                seller.siren=912345675
                seller.siret=91234567500017
                seller.vatNumber=FR65912345675
                seller.rcs=RCS Paris 912 345 675
                seller.shareCapital=10000.00
                buyer.name=Jeanne Martin
                buyer.address.line1=8 rue Oberkampf
                buyer.address.postalCode=75011
                buyer.address.city=Paris
                buyer.address.country=FR
                line.1.kind=GOODS
                line.1.itemReference=MUG-30
                line.1.description=Mug en grès\\\\ émaillé, 30 cl
                line.1.quantity=2
                line.1.unitPriceExclVat=10.75
                line.1.vatRate=20
                line.1.vatCategory=S
                line.1.regime=DOMESTIC
                line.1.taxCountry=FR
                line.1.totalExclVat=21.50
                line.1.totalVat=4.30
                line.1.totalInclVat=25.80
                line.2.kind=GOODS
                line.2.itemReference=COAT-7
                line.2.description=Manteau en laine\\nTaille M
                line.2.quantity=1
                line.2.unitPriceExclVat=160.00
                line.2.vatRate=0
                line.2.vatCategory=E
                line.2.exemptionReason=VATEX-EU-F
                line.2.regime=MARGIN_SCHEME
                line.2.taxCountry=FR
                line.2.totalExclVat=160.00
                line.2.totalVat=0.00
                line.2.totalInclVat=160.00
                line.3.kind=DELIVERY
                line.3.description=Livraison à domicile
                line.3.quantity=1
                line.3.unitPriceExclVat=0.58
                line.3.vatRate=20
                line.3.vatCategory=S
                line.3.regime=DOMESTIC
                line.3.taxCountry=FR
                line.3.totalExclVat=0.58
                line.3.totalVat=0.12
                line.3.totalInclVat=0.70
                line.4.kind=DELIVERY
                line.4.description=Livraison à domicile
                line.4.quantity=1
                line.4.unitPriceExclVat=5.20
                line.4.vatRate=0
                line.4.vatCategory=E
                line.4.exemptionReason=VATEX-EU-F
                line.4.regime=MARGIN_SCHEME
                line.4.taxCountry=FR
                line.4.totalExclVat=5.20
                line.4.totalVat=0.00
                line.4.totalInclVat=5.20
                vat.1.category=S
                vat.1.rate=20
                vat.1.taxableAmount=22.08
                vat.1.vatAmount=4.42
                vat.2.category=E
                vat.2.rate=0
                vat.2.exemptionReason=VATEX-EU-F
                vat.2.exemptionText=Régime particulier – Biens d'occasion
                vat.2.taxableAmount=165.20
                vat.2.vatAmount=0.00
                totals.exclVat=187.28
                totals.vat=4.42
                totals.inclVat=191.70
                totals.roundingAmount=0.00
                totals.payable=191.70
                mention.1.kind=MARGIN_SCHEME_SECOND_HAND
                mention.1.text=Régime particulier – Biens d'occasion
                """);
    }

    @Test
    void hashIsSha256OfThePreviousHashALineFeedAndTheCanonicalText() {
        // The same as: (printf '%064d\n' 0; cat canonical.txt) | sha256sum
        assertThat(HashChain.link(HashChain.GENESIS, CanonicalForm.of(INVOICE, 1)))
                .isEqualTo("ef053215b5423e8b494d22b9d2311387315a2bf86de040aa332cc3c7c1c0f3be");
    }

    @Test
    void versionTwoAddsThePaymentAndIsVersionOneOtherwise() {
        String first = CanonicalForm.of(INVOICE, 1);
        assertThat(CanonicalForm.of(INVOICE, 2)).isEqualTo(first.replaceFirst("boucle-invoice/1", "boucle-invoice/2"));
        assertThat(CanonicalForm.of(INVOICE)).as("version 3 adds nothing to an invoice")
                .isEqualTo(first.replaceFirst("boucle-invoice/1", "boucle-invoice/3"));

        Invoice paid = InvoiceContent.invoice(anOrder("ORD-2026-0001")
                        .with(goods("MUG-30", STANDARD, 2, "12.90", "Mug en grès\\ émaillé, 30 cl"),
                                secondHand("COAT-7", "160.00", "100.00", "Manteau en laine\nTaille M"))
                        .delivery("5.90").paid(java.time.LocalDate.of(2026, 6, 15), PaymentMeans.CARD).request(),
                demoSettings(), InvoiceNumber.of("F", 2026, 1), Instant.parse("2026-06-16T08:00:00.123456Z"));
        assertThat(CanonicalForm.of(paid)).isEqualTo(CanonicalForm.of(INVOICE) + """
                payment.paidOn=2026-06-15
                payment.means=CARD
                payment.amount=191.70
                """);
        assertThatIllegalArgumentException().as("version 1 cannot hold a payment").isThrownBy(() -> CanonicalForm.of(paid, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalForm.of(INVOICE, 5));
    }

    @Test
    void versionFourAddsTheVatTotalInEurosOfADocumentInAnotherCurrencyAndDocumentsInEurosStayInVersionThree() {
        assertThat(CanonicalForm.versionFor(INVOICE)).as("a document in euros is hashed as before").isEqualTo(3);
        assertThat(CanonicalForm.of(INVOICE, 4)).isEqualTo(CanonicalForm.of(INVOICE, 3)
                .replaceFirst("boucle-invoice/3", "boucle-invoice/4"));

        Invoice pounds = FacturXTests.poundsInvoice();
        assertThat(CanonicalForm.versionFor(pounds)).isEqualTo(4);
        assertThat(CanonicalForm.of(pounds)).startsWith("boucle-invoice/4\n")
                .contains("\ncurrency=GBP\ntaxCurrency=EUR\nexchangeRate.rate=0.8715\nexchangeRate.date=2026-06-12\n"
                        + "taxCurrency.vatTotal=" + pounds.taxCurrency().orElseThrow().vatInEuros().amount().toPlainString() + "\n");
        assertThatIllegalArgumentException().as("version 3 writes documents in euros only")
                .isThrownBy(() -> CanonicalForm.of(pounds, 3));
    }

    @Test
    void versionThreeAddsTheUnitsEachCreditNoteLineCredits() {
        Invoice note = InvoiceContent.creditNote(INVOICE, List.of(CreditNoteRequest.LineCredit.units(1, 1),
                        CreditNoteRequest.LineCredit.amount(3, Money.euros("0.50"))), Map.of(), "Retour", demoSettings(),
                InvoiceNumber.of("AV", 2026, 1), Instant.parse("2026-06-20T08:00:00Z"));

        assertThat(CanonicalForm.of(note)).startsWith("boucle-invoice/3\n")
                .contains("line.1.quantity=1\n", "line.1.creditedLine=1\nline.1.creditedUnits=1\n")
                .contains("line.2.quantity=1\n", "line.2.creditedLine=3\nline.2.creditedUnits=0\n");
        assertThatIllegalArgumentException().as("version 2 credits whole quantities only")
                .isThrownBy(() -> CanonicalForm.of(note, 2));
        Invoice whole = InvoiceContent.creditNote(INVOICE, List.of(1), "Retour", demoSettings(),
                InvoiceNumber.of("AV", 2026, 2), Instant.parse("2026-06-20T08:00:00Z"));
        assertThat(CanonicalForm.of(whole, 2)).as("a credit note of whole lines is still written in version 2")
                .doesNotContain("creditedUnits");
    }

    @Test
    void eachHashDependsOnThePreviousOne() {
        String text = CanonicalForm.of(INVOICE);
        String first = HashChain.link(HashChain.GENESIS, text);
        assertThat(HashChain.link(first, text)).isNotEqualTo(first).hasSize(64).matches("[0-9a-f]+");
    }
}
