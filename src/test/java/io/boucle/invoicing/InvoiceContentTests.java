package io.boucle.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatCategory;
import io.boucle.tax.VatExemptionReason;
import io.boucle.tax.VatRegime;
import org.junit.jupiter.api.Test;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.invoicing.InvoiceFixtures.service;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What invoices and credit notes say, from real VAT assessments; no database. */
class InvoiceContentTests {

    static final MerchantSettings SETTINGS = InvoiceFixtures.demoSettings();
    /** 10:00 in Paris on 16 June 2026. */
    static final Instant ISSUED_AT = Instant.parse("2026-06-16T08:00:00Z");
    static final InvoiceNumber NUMBER = InvoiceNumber.of("F", 2026, 42);

    static Invoice issue(InvoiceRequest request) {
        return InvoiceContent.invoice(request, SETTINGS, NUMBER, ISSUED_AT);
    }

    static Invoice issue(InvoiceRequest request, MerchantSettings settings) {
        return InvoiceContent.invoice(request, settings, NUMBER, ISSUED_AT);
    }

    // Invoices

    @Test
    void consumerBuyingAnItemAt120InclVatIsInvoiced100PlusVat20() {
        Invoice invoice = issue(anOrder("O-1").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe en laiton")).request());

        Invoice.Line line = invoice.line(1);
        assertThat(line.description()).isEqualTo("Lampe en laiton");
        assertThat(line.itemReference()).contains("LAMP");
        assertThat(line.quantity()).isEqualTo(1);
        assertThat(line.unitPriceExclVat()).isEqualTo(Money.euros("100.00"));
        assertThat(line.vatRate()).isEqualTo(Percentage.of(20));
        assertThat(line.vatCategory()).isEqualTo(VatCategory.S);
        assertThat(line.totalExclVat()).isEqualTo(Money.euros("100.00"));
        assertThat(invoice.vatBreakdown()).singleElement().satisfies(row -> {
            assertThat(row.taxableAmount()).isEqualTo(Money.euros("100.00"));
            assertThat(row.vatAmount()).isEqualTo(Money.euros("20.00"));
        });
        assertThat(invoice.totals()).isEqualTo(new Invoice.Totals(Money.euros("100.00"), Money.euros("20.00"),
                Money.euros("120.00"), Money.euros("0.00"), Money.euros("120.00")));
        assertThat(invoice.mentions()).as("a domestic consumer sale needs no mention").isEmpty();
    }

    @Test
    void invoiceShowsTheAssessmentsFiguresUnchangedWithDeliveryAsLines() {
        InvoiceFixtures order = anOrder("O-2").with(goods("MUG", STANDARD, 3, "12.90", "Mug en grès, 30 cl"),
                goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre « La céramique »")).delivery("5.90");
        VatAssessment assessment = InvoiceFixtures.VAT.assess(order.sale());

        Invoice invoice = issue(order.request());

        assertThat(invoice.type()).isEqualTo(InvoiceType.INVOICE);
        assertThat(invoice.number()).isEqualTo(NUMBER);
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2026, 6, 16));
        assertThat(invoice.deliveryDate()).as("the supply date differs from the issue date").contains(InvoiceFixtures.SALE_DATE);
        assertThat(invoice.dueDate()).as("paid at order: due on issue").isEqualTo(invoice.issueDate());
        assertThat(invoice.operationCategory()).isEqualTo(OperationCategory.GOODS);
        assertThat(invoice.lines()).hasSize(2 + assessment.delivery().size());
        for (int i = 0; i < assessment.lines().size(); i++) {
            var assessed = assessment.lines().get(i);
            Invoice.Line line = invoice.line(i + 1);
            assertThat(line.kind()).isEqualTo(Invoice.LineKind.GOODS);
            assertThat(line.quantity()).isEqualTo(assessed.quantity());
            assertThat(line.unitPriceExclVat()).isEqualTo(assessed.unit().exclVat());
            assertThat(line.totalExclVat()).isEqualTo(assessed.total().exclVat());
            assertThat(line.totalVat()).isEqualTo(assessed.total().vat());
            assertThat(line.totalInclVat()).isEqualTo(assessed.total().inclVat());
            assertThat(line.regime()).isEqualTo(VatRegime.DOMESTIC);
        }
        List<Invoice.Line> delivery = invoice.lines().subList(2, invoice.lines().size());
        assertThat(delivery).allSatisfy(line -> {
            assertThat(line.kind()).isEqualTo(Invoice.LineKind.DELIVERY);
            assertThat(line.description()).isEqualTo("Livraison à domicile");
            assertThat(line.itemReference()).isEmpty();
        });
        assertThat(delivery).extracting(Invoice.Line::vatRate).as("the delivery follows the goods' rates")
                .containsExactlyInAnyOrder(Percentage.of(20), Percentage.of("5.5"));
        assertThat(invoice.vatBreakdown()).extracting(Invoice.VatRow::taxableAmount, Invoice.VatRow::vatAmount)
                .containsExactlyElementsOf(assessment.breakdown().stream()
                        .map(row -> org.assertj.core.groups.Tuple.tuple(row.taxableAmount(), row.vat())).toList());
        assertThat(invoice.totals().payable()).as("what the customer paid")
                .isEqualTo(Money.euros("12.90").times(3).plus(Money.euros("21.10")).plus(Money.euros("5.90")));
        assertThat(invoice.totals().exclVat()).isEqualTo(assessment.totals().exclVat());
        assertThat(invoice.totals().vat()).isEqualTo(assessment.totals().vat());
        assertThat(invoice.totals().roundingAmount()).isEqualTo(assessment.totals().roundingAmount());
        assertThat(invoice.seller()).isEqualTo(SETTINGS.seller());
    }

    @Test
    void roundingAmountIsKeptWhenNoBaseFitsTheTotalCharged() {
        // At 20 %, no base gives 0.03 incl. VAT: the engine states a cent as rounding amount (BT-114).
        Invoice invoice = issue(anOrder("O-3").with(goods("PIN", STANDARD, 1, "0.03", "Épingle")).request());

        assertThat(invoice.totals().roundingAmount().isZero()).isFalse();
        assertThat(invoice.totals().payable()).isEqualTo(Money.euros("0.03"));
        assertThat(invoice.totals().inclVat().plus(invoice.totals().roundingAmount())).isEqualTo(invoice.totals().payable());
    }

    @Test
    void secondHandItemUnderTheMarginSchemeShowsNoVatAndCarriesTheMention() {
        // DOMAIN-RULES §3: bought 100 from a private person, sold 160 incl. VAT: invoice total 160, no VAT line.
        Invoice invoice = issue(anOrder("O-4").with(secondHand("COAT", "160.00", "100.00", "Manteau en laine, très bon état")).request());

        Invoice.Line line = invoice.line(1);
        assertThat(line.vatCategory()).isEqualTo(VatCategory.E);
        assertThat(line.exemptionReason()).contains(VatExemptionReason.VATEX_EU_F);
        assertThat(line.totalVat()).isEqualTo(Money.euros("0.00"));
        assertThat(invoice.totals().vat()).isEqualTo(Money.euros("0.00"));
        assertThat(invoice.totals().payable()).isEqualTo(Money.euros("160.00"));
        assertThat(invoice.mentions()).extracting(Invoice.Mention::kind).containsExactly(MentionKind.MARGIN_SCHEME_SECOND_HAND);
        assertThat(invoice.mentions().getFirst().text()).contains("Biens d'occasion");
        assertThat(invoice.vatBreakdown().getFirst().exemptionText()).contains(invoice.mentions().getFirst().text());
    }

    @Test
    void purchasePriceAndMarginOfASecondHandItemAreNowhereOnTheInvoice() {
        Invoice invoice = issue(anOrder("O-5").with(secondHand("CHAIR", "149.00", "87.35", "Chaise Thonet")).request());

        // 87.35 bought, margin 61.65, margin VAT 10.28: none of them may reach the customer.
        assertThat(CanonicalForm.of(invoice)).doesNotContain("87.35").doesNotContain("61.65").doesNotContain("10.28");
    }

    @Test
    void exportOutsideTheEuIsExemptWithTheArticle262IMention() {
        Invoice invoice = issue(anOrder("O-6").with(goods("VASE", STANDARD, 1, "240.00", "Vase soufflé")).to("US", "10001", "New York")
                .request());

        Invoice.Line line = invoice.line(1);
        assertThat(line.vatCategory()).isEqualTo(VatCategory.G);
        assertThat(line.exemptionReasonCode()).contains("VATEX-EU-G");
        assertThat(line.totalInclVat()).as("price excl. VAT kept").isEqualTo(Money.euros("200.00"));
        assertThat(invoice.totals().vat()).isEqualTo(Money.euros("0.00"));
        assertThat(invoice.mentions()).singleElement().satisfies(mention -> {
            assertThat(mention.kind()).isEqualTo(MentionKind.EXPORT_EXEMPTION);
            assertThat(mention.text()).contains("262 I");
        });
    }

    @Test
    void euBusinessIsInvoicedExemptWithBothVatNumbersAndTheBusinessTerms() {
        InvoiceBuyer belgian = InvoiceBuyer.business("Luc Peeters", "Atelier Peeters BV",
                PostalAddress.of("Meir 10", null, "2000", "Antwerpen", "BE"), null, "BE0123456749");
        Invoice invoice = issue(anOrder("O-7").by(belgian).with(goods("LAMP", STANDARD, 2, "120.00", "Lampe en laiton")).request());

        assertThat(invoice.line(1).vatCategory()).isEqualTo(VatCategory.K);
        assertThat(invoice.totals().payable()).isEqualTo(Money.euros("200.00"));
        assertThat(invoice.buyer().vatNumber()).contains("BE0123456749");
        assertThat(invoice.seller().vatNumber()).isEqualTo("FR65912345675");
        assertThat(invoice.mentions()).extracting(Invoice.Mention::kind).containsExactly(MentionKind.INTRA_EU_SUPPLY_EXEMPTION,
                MentionKind.PAYMENT_TERMS, MentionKind.EARLY_PAYMENT_DISCOUNT, MentionKind.LATE_PAYMENT_PENALTIES,
                MentionKind.RECOVERY_INDEMNITY);
        assertThat(invoice.mentions().getFirst().text()).contains("262 ter I");
        assertThat(invoice.mentions().getLast().text()).contains("40");
    }

    @Test
    void exemptIntraEuSupplyWithoutTheBuyersVatNumberOnTheInvoiceIsRefused() {
        InvoiceFixtures order = anOrder("O-8").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe"))
                .by(InvoiceBuyer.business("Luc Peeters", "Atelier Peeters BV",
                        PostalAddress.of("Meir 10", null, "2000", "Antwerpen", "BE"), null, "BE0123456749"));
        InvoiceRequest request = order.request();
        InvoiceRequest withoutNumber = new InvoiceRequest(request.orderReference(), request.deliveryDate(),
                new InvoiceBuyer("Luc Peeters", request.buyer().address(), Optional.of("Atelier Peeters BV"), Optional.empty(),
                        Optional.empty()),
                Optional.empty(), request.currency(), request.assessment(), request.items(), request.deliveryDescription());

        assertThatIllegalArgumentException().isThrownBy(() -> issue(withoutNumber)).withMessageContaining("VAT number");
    }

    @Test
    void frenchBusinessMustGiveItsSirenAndAMatchingVatNumber() {
        PostalAddress lyon = PostalAddress.of("3 quai Saint-Antoine", null, "69002", "Lyon", "FR");
        InvoiceFixtures withoutSiren = anOrder("O-9").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe"))
                .by(InvoiceBuyer.business("Paul Roux", "Roux SARL", lyon, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> issue(withoutSiren.request())).withMessageContaining("SIREN");

        InvoiceFixtures wrongNumber = anOrder("O-10").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe"))
                .by(InvoiceBuyer.business("Paul Roux", "Roux SARL", lyon, "732829320", "FR45732829320"));
        assertThatIllegalArgumentException().isThrownBy(() -> issue(wrongNumber.request())).withMessageContaining("FR44732829320");

        Invoice invoice = issue(anOrder("O-11").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe"))
                .by(InvoiceBuyer.business("Paul Roux", "Roux SARL", lyon, "732829320", "FR44732829320")).request());
        assertThat(invoice.buyer().siren()).contains(Siren.of("732829320"));
        assertThat(invoice.line(1).vatCategory()).as("a French business pays French VAT").isEqualTo(VatCategory.S);
        assertThat(invoice.mentions()).extracting(Invoice.Mention::kind).contains(MentionKind.RECOVERY_INDEMNITY);
    }

    @Test
    void optionForVatOnDebitsIsMentionedWhenServicesAreInvoiced() {
        MerchantSettings onDebits = new MerchantSettings(SETTINGS.legalName(), SETTINGS.legalForm(), SETTINGS.address(),
                SETTINGS.siren(), SETTINGS.siret(), SETTINGS.vatNumber(), SETTINGS.rcs(), SETTINGS.shareCapital(), true,
                SETTINGS.paymentTerms(), SETTINGS.paymentTermDays(), SETTINGS.earlyPaymentDiscount(),
                SETTINGS.latePaymentPenalties(), SETTINGS.recoveryIndemnity(), "F", "AV");

        Invoice mixed = issue(anOrder("O-12").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe"),
                service("ENGRAVING", STANDARD, "18.00", "Gravure des initiales")).request(), onDebits);
        Invoice goodsOnly = issue(anOrder("O-13").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe")).request(), onDebits);

        assertThat(mixed.operationCategory()).isEqualTo(OperationCategory.MIXED);
        assertThat(mixed.line(2).kind()).isEqualTo(Invoice.LineKind.SERVICES);
        assertThat(mixed.mentions()).extracting(Invoice.Mention::text)
                .containsExactly("Option pour le paiement de la taxe d'après les débits");
        assertThat(goodsOnly.mentions()).as("the option concerns services only").isEmpty();
    }

    @Test
    void invoiceIsInTheAssessmentsCurrencyOnly() {
        InvoiceRequest request = anOrder("O-14").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe")).request();
        InvoiceRequest inDollars = new InvoiceRequest(request.orderReference(), request.deliveryDate(), request.buyer(),
                request.deliveryAddress(), java.util.Currency.getInstance("USD"), request.assessment(), request.items(),
                request.deliveryDescription());
        assertThatIllegalArgumentException().isThrownBy(() -> issue(inDollars)).withMessageContaining("currency");
    }

    @Test
    void everyAssessedLineNeedsADescription() {
        InvoiceRequest request = anOrder("O-15").with(goods("LAMP", STANDARD, 1, "120.00", "Lampe"),
                goods("MUG", STANDARD, 1, "12.00", "Mug")).request();
        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceRequest(request.orderReference(),
                request.deliveryDate(), request.buyer(), request.deliveryAddress(), request.currency(), request.assessment(),
                request.items().subList(0, 1), request.deliveryDescription())).withMessageContaining("MUG");
    }

    @Test
    void anInvoiceIssuedJustBeforeMidnightInParisOnNewYearsEveBelongsToThatYear() {
        assertThat(InvoiceContent.issueDate(Instant.parse("2026-12-31T22:59:59Z"))).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(InvoiceContent.issueDate(Instant.parse("2026-12-31T23:00:00Z"))).isEqualTo(LocalDate.of(2027, 1, 1));
    }

    // Credit notes

    static final Instant CREDITED_AT = Instant.parse("2026-06-20T09:00:00Z");
    static final InvoiceNumber CREDIT_NUMBER = InvoiceNumber.of("AV", 2026, 3);

    @Test
    void creditNoteForTheWholeInvoiceCreditsExactlyWhatWasInvoiced() {
        Invoice invoice = issue(anOrder("O-20").with(goods("MUG", STANDARD, 3, "12.90", "Mug"),
                goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"), secondHand("COAT", "160.00", "100.00", "Manteau"))
                .delivery("5.90").request());
        List<Integer> all = invoice.lines().stream().map(Invoice.Line::number).toList();

        Invoice note = InvoiceContent.creditNote(invoice, all, "Commande annulée", SETTINGS, CREDIT_NUMBER, CREDITED_AT);

        assertThat(note.type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(note.type().code()).isEqualTo("381");
        assertThat(note.originalInvoice()).contains(new Invoice.Reference(invoice.number(), invoice.issueDate()));
        assertThat(note.creditReason()).contains("Commande annulée");
        assertThat(note.issueDate()).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThat(note.totals()).isEqualTo(invoice.totals());
        assertThat(note.vatBreakdown()).isEqualTo(invoice.vatBreakdown());
        assertThat(note.lines()).extracting(Invoice.Line::creditedLine).containsExactlyElementsOf(
                all.stream().map(Optional::of).toList());
        assertThat(note.lines()).extracting(Invoice.Line::totalInclVat)
                .containsExactlyElementsOf(invoice.lines().stream().map(Invoice.Line::totalInclVat).toList());
        assertThat(note.mentions()).isEqualTo(invoice.mentions());
        assertThat(note.buyer()).isEqualTo(invoice.buyer());
    }

    @Test
    void creditNoteForSomeLinesCreditsWhatThoseLinesWereCharged() {
        Invoice invoice = issue(anOrder("O-21").with(goods("MUG", STANDARD, 3, "12.90", "Mug"),
                goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"), secondHand("COAT", "160.00", "100.00", "Manteau"))
                .delivery("5.90").request());

        Invoice note = InvoiceContent.creditNote(invoice, List.of(1), "Rétractation", SETTINGS, CREDIT_NUMBER, CREDITED_AT);

        assertThat(note.lines()).singleElement().satisfies(line -> {
            assertThat(line.description()).isEqualTo("Mug");
            assertThat(line.quantity()).isEqualTo(3);
            assertThat(line.totalExclVat()).isEqualTo(invoice.line(1).totalExclVat());
            assertThat(line.creditedLine()).contains(1);
        });
        assertThat(note.totals().payable()).as("3 × 12.90, as charged").isEqualTo(Money.euros("38.70"));
        assertThat(note.totals().inclVat().plus(note.totals().roundingAmount())).isEqualTo(note.totals().payable());
        assertThat(note.vatBreakdown()).singleElement().satisfies(row -> {
            assertThat(row.rate()).isEqualTo(Percentage.of(20));
            assertThat(row.taxableAmount()).isEqualTo(invoice.line(1).totalExclVat());
            assertThat(row.vatAmount()).as("BR-CO-17 on the credited base")
                    .isEqualTo(row.taxableAmount().times(new BigDecimal("0.20")).rounded(RoundingMode.HALF_UP));
        });
        assertThat(note.mentions()).as("no margin-scheme line credited, no margin-scheme mention").isEmpty();
        assertThat(note.operationCategory()).isEqualTo(OperationCategory.GOODS);
    }

    @Test
    void creditingAMarginSchemeLineKeepsItsMention() {
        Invoice invoice = issue(anOrder("O-22").with(goods("MUG", STANDARD, 1, "12.90", "Mug"),
                secondHand("COAT", "160.00", "100.00", "Manteau")).request());

        Invoice note = InvoiceContent.creditNote(invoice, List.of(2), "Retour", SETTINGS, CREDIT_NUMBER, CREDITED_AT);

        assertThat(note.mentions()).extracting(Invoice.Mention::kind).containsExactly(MentionKind.MARGIN_SCHEME_SECOND_HAND);
        assertThat(note.totals().vat()).isEqualTo(Money.euros("0.00"));
        assertThat(note.totals().payable()).isEqualTo(Money.euros("160.00"));
    }

    @Test
    void aCreditNoteCannotBeCredited() {
        Invoice invoice = issue(anOrder("O-23").with(goods("MUG", STANDARD, 1, "12.90", "Mug")).request());
        Invoice note = InvoiceContent.creditNote(invoice, List.of(1), "Retour", SETTINGS, CREDIT_NUMBER, CREDITED_AT);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> InvoiceContent.creditNote(note, List.of(1), "Retour", SETTINGS, CREDIT_NUMBER, CREDITED_AT))
                .withMessageContaining("credit note");
    }

    @Test
    void documentWhoseFiguresDoNotAddUpCannotExist() {
        Invoice invoice = issue(anOrder("O-24").with(goods("MUG", STANDARD, 1, "12.00", "Mug")).request());
        Invoice.Line line = invoice.line(1);
        Invoice.Line altered = new Invoice.Line(1, line.kind(), line.itemReference(), line.description(), line.quantity(),
                line.unitPriceExclVat(), line.vatRate(), line.vatCategory(), line.exemptionReason(), line.regime(),
                line.taxCountry(), Money.euros("9.00"), Money.euros("3.00"), line.totalInclVat(), Optional.empty());

        assertThatIllegalArgumentException().isThrownBy(() -> new Invoice(invoice.number(), invoice.type(),
                invoice.issueDate(), invoice.issuedAt(), invoice.orderReference(), invoice.currency(),
                invoice.operationCategory(), invoice.seller(), invoice.buyer(), invoice.deliveryAddress(),
                invoice.deliveryDate(), invoice.dueDate(), List.of(altered), invoice.vatBreakdown(), invoice.totals(),
                invoice.mentions(), Optional.empty(), Optional.empty(), Optional.empty())).withMessageContaining("taxable amount");
    }
}
