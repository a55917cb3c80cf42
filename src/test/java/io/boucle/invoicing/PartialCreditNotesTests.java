package io.boucle.invoicing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.boucle.invoicing.CreditNoteRequest.LineCredit;
import io.boucle.shared.Money;
import io.boucle.shared.Percentage;
import io.boucle.tax.SaleLine;
import io.boucle.tax.TaxCategory;
import io.boucle.tax.VatCategory;
import io.boucle.tax.VatRegime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credit notes for some units of a line, or an amount of it: their figures and rounding; no database. */
class PartialCreditNotesTests {

    static final MerchantSettings SETTINGS = InvoiceFixtures.demoSettings();
    static final Instant ISSUED_AT = Instant.parse("2026-06-16T08:00:00Z");
    static final Instant CREDITED_AT = Instant.parse("2026-06-20T08:00:00Z");

    /** Credit notes issued one after the other against one invoice, each seeing the ones before. */
    static final class Notes {
        final Invoice invoice;
        final List<Invoice> issued = new ArrayList<>();

        Notes(Invoice invoice) {
            this.invoice = invoice;
        }

        Invoice credit(LineCredit... credits) {
            Invoice note = InvoiceContent.creditNote(invoice, List.of(credits), InvoiceContent.credited(invoice, issued),
                    "Retour", SETTINGS, InvoiceNumber.of("AV", 2026, issued.size() + 1), CREDITED_AT);
            issued.add(note);
            return note;
        }

        Money sum(java.util.function.Function<Invoice.Line, Money> amount) {
            return issued.stream().flatMap(note -> note.lines().stream()).map(amount).reduce(Money.zero(Money.EUR), Money::plus);
        }
    }

    static Invoice invoice(InvoiceFixtures.Item... items) {
        return InvoiceContent.invoice(anOrder("O-PARTIAL").with(items).request(), SETTINGS, InvoiceNumber.of("F", 2026, 7),
                ISSUED_AT);
    }

    /** With a delivery charge of 9.90. */
    static Invoice delivered(InvoiceFixtures.Item... items) {
        return InvoiceContent.invoice(anOrder("O-PARTIAL").with(items).delivery("9.90").request(), SETTINGS,
                InvoiceNumber.of("F", 2026, 7), ISSUED_AT);
    }

    @ParameterizedTest(name = "{0} × {1}, units credited {2}: incl. VAT {3}, excl. VAT {4}")
    @CsvSource(delimiter = '|', value = {
            // units | unit price incl. VAT | units per credit note | incl. VAT per note | excl. VAT per note
            "3 | 10.00 | 1     | 10.00             | 8.33",
            "3 | 10.00 | 1 1 1 | 10.00 10.00 10.00 | 8.33 8.33 8.34",
            "3 | 10.00 | 2 1   | 20.00 10.00       | 16.67 8.33",
            "2 | 12.90 | 1 1   | 12.90 12.90       | 10.75 10.75",
            "7 | 0.99  | 3 4   | 2.97 3.96         | 2.48 3.30",
            "3 | 0.05  | 1 1 1 | 0.05 0.05 0.05    | 0.04 0.04 0.05",
    })
    void unitsAreCreditedAtWhatTheyWereChargedAndTheLastTakesTheRemainder(int quantity, String unitPrice, String units,
            String inclVat, String exclVat) {
        Invoice invoice = invoice(goods("MUG", STANDARD, quantity, unitPrice, "Mug"));
        Invoice.Line line = invoice.line(1);
        Notes notes = new Notes(invoice);
        int[] credited = Arrays.stream(units.split(" ")).mapToInt(Integer::parseInt).toArray();
        String[] incl = inclVat.split(" ");
        String[] excl = exclVat.split(" ");

        for (int i = 0; i < credited.length; i++) {
            Invoice note = notes.credit(LineCredit.units(1, credited[i]));
            Invoice.Line creditedLine = note.lines().getFirst();
            assertThat(creditedLine.quantity()).isEqualTo(credited[i]);
            assertThat(creditedLine.creditedUnits()).isEqualTo(credited[i]);
            assertThat(creditedLine.unitPriceExclVat()).as("the unit price invoiced").isEqualTo(line.unitPriceExclVat());
            assertThat(creditedLine.vatRate()).isEqualTo(line.vatRate());
            assertThat(creditedLine.vatCategory()).isEqualTo(line.vatCategory());
            assertThat(creditedLine.totalInclVat()).isEqualTo(Money.euros(incl[i]));
            assertThat(creditedLine.totalExclVat()).isEqualTo(Money.euros(excl[i]));
            assertThat(note.totals().payable()).isEqualTo(Money.euros(incl[i]));
        }

        boolean all = Arrays.stream(credited).sum() == quantity;
        for (var amount : List.<java.util.function.Function<Invoice.Line, Money>>of(Invoice.Line::totalExclVat,
                Invoice.Line::totalVat, Invoice.Line::totalInclVat)) {
            if (all) {
                assertThat(notes.sum(amount)).as("all units credited: exactly the line").isEqualTo(amount.apply(line));
            } else {
                assertThat(notes.sum(amount)).as("never more than the line").isLessThanOrEqualTo(amount.apply(line));
            }
        }
    }

    @Test
    void threeCreditNotesOfOneUnitEachCreditExactlyWhatTheLineWasInvoiced() {
        Notes notes = new Notes(invoice(goods("MUG", STANDARD, 3, "10.00", "Mug")));

        notes.credit(LineCredit.units(1, 1));
        notes.credit(LineCredit.units(1, 1));
        notes.credit(LineCredit.units(1, 1));

        Invoice.Line line = notes.invoice.line(1);
        assertThat(notes.sum(Invoice.Line::totalExclVat)).isEqualTo(line.totalExclVat());
        assertThat(notes.sum(Invoice.Line::totalVat)).isEqualTo(line.totalVat());
        assertThat(notes.sum(Invoice.Line::totalInclVat)).isEqualTo(line.totalInclVat());
        assertThatThrownBy(() -> notes.credit(LineCredit.units(1, 1))).isInstanceOf(CreditNoteRefused.class)
                .hasMessageContaining("line 1 of F2026-000007 is credited in full already, by AV2026-000001, AV2026-000002, "
                        + "AV2026-000003");
        assertThatThrownBy(() -> notes.credit(LineCredit.all(1))).isInstanceOf(CreditNoteRefused.class);
    }

    @ParameterizedTest(name = "{0} incl. VAT of a 9.90 delivery: excl. VAT {1}, VAT {2}; the rest {3} = {4} + VAT")
    @CsvSource(delimiter = '|', value = {
            // amount | excl. VAT | VAT  | rest incl. VAT | rest excl. VAT
            "4.90     | 4.08      | 0.82 | 5.00           | 4.17",
            "0.01     | 0.01      | 0.00 | 9.89           | 8.24",
            "9.89     | 8.24      | 1.65 | 0.01           | 0.01",
    })
    void anAmountOfTheDeliveryLineIsCreditedAtItsRateAndTheRestStaysToCredit(String amount, String exclVat, String vat,
            String restInclVat, String restExclVat) {
        Notes notes = new Notes(delivered(goods("LAMP", STANDARD, 1, "30.00", "Lampe")));
        Invoice.Line delivery = notes.invoice.line(2);
        assertThat(delivery.kind()).isEqualTo(Invoice.LineKind.DELIVERY);

        Invoice note = notes.credit(LineCredit.amount(2, Money.euros(amount)));

        assertThat(note.lines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(Invoice.LineKind.DELIVERY);
            assertThat(line.quantity()).isEqualTo(1);
            assertThat(line.creditedUnits()).as("an amount, no unit").isZero();
            assertThat(line.totalInclVat()).isEqualTo(Money.euros(amount));
            assertThat(line.totalExclVat()).isEqualTo(Money.euros(exclVat));
            assertThat(line.totalVat()).isEqualTo(Money.euros(vat));
            assertThat(line.unitPriceExclVat()).isEqualTo(Money.euros(exclVat));
            assertThat(line.vatRate()).isEqualTo(Percentage.of(20));
        });
        assertThat(note.totals().payable()).isEqualTo(Money.euros(amount));

        Invoice rest = notes.credit(LineCredit.all(2));
        assertThat(rest.lines()).singleElement().satisfies(line -> {
            assertThat(line.totalInclVat()).isEqualTo(Money.euros(restInclVat));
            assertThat(line.totalExclVat()).isEqualTo(Money.euros(restExclVat));
            assertThat(line.creditedUnits()).isEqualTo(1);
        });
        assertThat(notes.sum(Invoice.Line::totalExclVat)).isEqualTo(delivery.totalExclVat());
        assertThat(notes.sum(Invoice.Line::totalVat)).isEqualTo(delivery.totalVat());
        assertThat(notes.sum(Invoice.Line::totalInclVat)).isEqualTo(delivery.totalInclVat());
        assertThatThrownBy(() -> notes.credit(LineCredit.amount(2, Money.euros("0.01")))).isInstanceOf(CreditNoteRefused.class);
    }

    @Test
    void anAmountEqualToWhatRemainsCreditsTheWholeRest() {
        Notes notes = new Notes(delivered(goods("LAMP", STANDARD, 1, "30.00", "Lampe")));

        Invoice note = notes.credit(LineCredit.amount(2, Money.euros("9.90")));

        assertThat(note.lines().getFirst().totalExclVat()).isEqualTo(notes.invoice.line(2).totalExclVat());
        assertThat(note.lines().getFirst().creditedUnits()).isEqualTo(1);
        assertThat(note.totals()).isEqualTo(new Invoice.Totals(Money.euros("8.25"), Money.euros("1.65"), Money.euros("9.90"),
                Money.euros("0.00"), Money.euros("9.90")));
    }

    @Test
    void someUnitsOfAMarginSchemeLineAreCreditedWithoutVatAndWithItsMention() {
        Invoice invoice = delivered(new InvoiceFixtures.Item(SaleLine.secondHand("COAT", TaxCategory.STANDARD, 2,
                Money.euros("80.00"), Money.euros("50.00")), "Manteau"), goods("MUG", STANDARD, 1, "12.00", "Mug"));
        Invoice.Line coat = invoice.line(1);
        assertThat(coat.regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
        Notes notes = new Notes(invoice);

        Invoice note = notes.credit(LineCredit.units(1, 1));

        assertThat(note.lines()).singleElement().satisfies(line -> {
            assertThat(line.vatCategory()).isEqualTo(VatCategory.E);
            assertThat(line.regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
            assertThat(line.exemptionReason()).isEqualTo(coat.exemptionReason());
            assertThat(line.totalInclVat()).as("the selling price of one coat").isEqualTo(Money.euros("80.00"));
            assertThat(line.totalExclVat()).isEqualTo(Money.euros("80.00"));
            assertThat(line.totalVat()).as("no VAT shown, as on the invoice").isEqualTo(Money.euros("0.00"));
        });
        assertThat(note.vatBreakdown()).singleElement().satisfies(row -> {
            assertThat(row.category()).isEqualTo(VatCategory.E);
            assertThat(row.vatAmount()).isEqualTo(Money.euros("0.00"));
        });
        assertThat(note.mentions()).extracting(Invoice.Mention::kind).containsExactly(MentionKind.MARGIN_SCHEME_SECOND_HAND);

        Invoice amount = notes.credit(LineCredit.amount(1, Money.euros("30.00")));
        assertThat(amount.lines().getFirst().totalVat()).isEqualTo(Money.euros("0.00"));
        assertThat(amount.lines().getFirst().totalExclVat()).isEqualTo(Money.euros("30.00"));
        Invoice rest = notes.credit(LineCredit.all(1));
        assertThat(rest.totals().payable()).isEqualTo(Money.euros("50.00"));
        assertThat(rest.lines().getFirst().unitPriceExclVat()).as("after an amount, the unit price is what is credited")
                .isEqualTo(Money.euros("50.00"));
        assertThat(notes.sum(Invoice.Line::totalInclVat)).isEqualTo(coat.totalInclVat());
    }

    @Test
    void aPartialCreditNoteMixesUnitsAmountsAndWholeLinesAndItsFiguresAddUp() {
        Invoice invoice = InvoiceContent.invoice(anOrder("O-MIX").with(goods("MUG", STANDARD, 3, "12.90", "Mug"),
                        goods("BOOK", TaxCategory.REDUCED_5_5, 2, "21.10", "Livre")).delivery("9.90").request(), SETTINGS,
                InvoiceNumber.of("F", 2026, 8), ISSUED_AT);
        Notes notes = new Notes(invoice);

        Invoice note = notes.credit(LineCredit.units(1, 1), LineCredit.units(2, 1), LineCredit.amount(3, Money.euros("2.00")));

        assertThat(note.lines()).extracting(line -> line.creditedLine().orElseThrow()).containsExactly(1, 2, 3);
        assertThat(note.vatBreakdown()).hasSize(invoice.vatBreakdown().size());
        Money payable = note.lines().stream().map(Invoice.Line::totalInclVat).reduce(Money.zero(Money.EUR), Money::plus);
        assertThat(note.totals().payable()).isEqualTo(payable);
        assertThat(note.totals().roundingAmount().abs()).isLessThanOrEqualTo(Money.euros("0.02"));

        Invoice rest = notes.credit(invoice.lines().stream().map(line -> LineCredit.all(line.number())).toArray(LineCredit[]::new));
        assertThat(note.totals().payable().plus(rest.totals().payable())).isEqualTo(invoice.totals().payable());
    }

    @Test
    void moreThanRemainsIsRefusedWithWhatRemains() {
        Notes notes = new Notes(invoice(goods("MUG", STANDARD, 3, "10.00", "Mug")));
        notes.credit(LineCredit.units(1, 2));

        assertThatThrownBy(() -> notes.credit(LineCredit.units(1, 2))).isInstanceOf(CreditNoteRefused.class)
                .hasMessage("line 1 of F2026-000007 has 1 of its 3 units left to credit, not 2");
        assertThatThrownBy(() -> notes.credit(LineCredit.amount(1, Money.euros("10.01")))).isInstanceOf(CreditNoteRefused.class)
                .hasMessage("line 1 of F2026-000007 has 10.00 EUR incl. VAT left to credit, not 10.01 EUR");
        assertThat(notes.issued).hasSize(1);
    }

    @Test
    void creditedSoFarCountsEarlierWholeLineCreditNotesAsAllTheirUnits() {
        Invoice invoice = invoice(goods("MUG", STANDARD, 3, "10.00", "Mug"));
        Invoice whole = InvoiceContent.creditNote(invoice, List.of(1), "Retour", SETTINGS, InvoiceNumber.of("AV", 2026, 1),
                CREDITED_AT);

        Map<Integer, InvoiceContent.Credited> credited = InvoiceContent.credited(invoice, List.of(whole));

        assertThat(credited.get(1).units()).isEqualTo(3);
        assertThat(credited.get(1).inclVat()).isEqualTo(Money.euros("30.00"));
        assertThat(credited).doesNotContainKey(2);
    }

    @Test
    void aRequestCreditsUnitsOrAnAmountNotBoth() {
        assertThatThrownBy(() -> new LineCredit(1, java.util.OptionalInt.of(1), java.util.Optional.of(Money.euros("1.00"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineCredit.units(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineCredit.amount(1, Money.euros("0.00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineCredit.amount(1, Money.euros("0.005"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditNoteRequest.of(InvoiceNumber.of("F", 2026, 1), "Retour", LineCredit.units(1, 1),
                LineCredit.all(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
