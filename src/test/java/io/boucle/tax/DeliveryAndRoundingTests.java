package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.aSale;
import static io.boucle.tax.SaleBuilder.eur;
import static io.boucle.tax.SaleBuilder.goods;
import static io.boucle.tax.SaleBuilder.secondHand;
import static io.boucle.tax.SaleBuilder.service;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/** The delivery charge following its goods, mixed carts, and how rounding is kept exact. */
class DeliveryAndRoundingTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;

    @Test
    void deliveryTakesTheRateOfTheGoodsItCarries() {
        VatAssessment vat = ENGINE.assess(aSale().with(goods("BOOK", REDUCED_5_5, "21.10")).delivery("5.99").build());

        assertThat(vat.delivery()).singleElement().satisfies(part -> {
            assertThat(part.rate()).isEqualTo(Percentage.of("5.5"));
            assertThat(part.amounts()).isEqualTo(new Amounts(eur("5.68"), eur("0.31"), eur("5.99")));
        });
        assertThat(vat.breakdown()).singleElement().satisfies(row -> {
            assertThat(row.taxableAmount()).isEqualTo(eur("25.68"));
            assertThat(row.vat()).isEqualTo(eur("1.41"));
        });
    }

    @Test
    void deliveryOfGoodsAt20And5Point5PercentIsSplitProRataTheirValuesExclVat() {
        // 100.00 excl. VAT at each rate: the 10.00 delivery splits 5.00 / 5.00.
        VatAssessment vat = ENGINE.assess(aSale().with(goods("LAMP", STANDARD, "120.00"), goods("BOOK", REDUCED_5_5, "105.50"))
                .delivery("10.00").build());

        assertThat(vat.delivery()).hasSize(2);
        assertThat(vat.delivery().get(0).rate()).isEqualTo(Percentage.of(20));
        assertThat(vat.delivery().get(0).amounts()).isEqualTo(new Amounts(eur("4.17"), eur("0.83"), eur("5.00")));
        assertThat(vat.delivery().get(1).rate()).isEqualTo(Percentage.of("5.5"));
        assertThat(vat.delivery().get(1).amounts()).isEqualTo(new Amounts(eur("4.74"), eur("0.26"), eur("5.00")));
        assertThat(vat.breakdown()).extracting(VatBreakdown::taxableAmount).containsExactly(eur("104.17"), eur("104.74"));
        assertThat(vat.breakdown()).extracting(VatBreakdown::vat).containsExactly(eur("20.83"), eur("5.76"));
        assertThat(vat.totals()).isEqualTo(new VatTotals(eur("208.91"), eur("26.59"), eur("235.50"), eur("0.00"), eur("235.50")));
    }

    @ParameterizedTest(name = "{0} at 20 % and {1} at 5.5 %, delivery {2}: {3} / {4}")
    @CsvSource({
            "240.00, 105.50, 9.00,  6.00, 3.00",
            "12.00,  211.00, 7.00,  0.33, 6.67",
            "0.00,   21.10,  4.90,  0.00, 4.90",
    })
    void theDeliverySplitFollowsTheGoodsValuesExclVat(String standardPrice, String reducedPrice, String delivery,
            String standardPart, String reducedPart) {
        VatAssessment vat = ENGINE.assess(aSale().with(goods("A", STANDARD, standardPrice), goods("B", REDUCED_5_5, reducedPrice))
                .delivery(delivery).build());

        Money standard = vat.delivery().stream().filter(part -> part.rate().equals(Percentage.of(20)))
                .map(part -> part.amounts().inclVat()).findFirst().orElse(eur("0.00"));
        Money reduced = vat.delivery().stream().filter(part -> part.rate().equals(Percentage.of("5.5")))
                .map(part -> part.amounts().inclVat()).findFirst().orElse(eur("0.00"));
        assertThat(standard).isEqualTo(eur(standardPart));
        assertThat(reduced).isEqualTo(eur(reducedPart));
    }

    @Test
    void deliveryOfAnExportIsExemptAndChargedExclFrenchVat() {
        VatAssessment vat = ENGINE.assess(aSale().to("CH", "1201").with(goods("LAMP", STANDARD, "120.00")).delivery("12.00").build());

        assertThat(vat.delivery()).singleElement().satisfies(part -> {
            assertThat(part.category()).isEqualTo(VatCategory.G);
            assertThat(part.amounts()).isEqualTo(new Amounts(eur("10.00"), eur("0.00"), eur("10.00")));
        });
        assertThat(vat.totals().payable()).isEqualTo(eur("110.00"));
    }

    @Test
    void deliveryOfAnOssSaleTakesTheDestinationRate() {
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").aboveTheThreshold()
                .with(goods("BOOK", REDUCED_5_5, "21.10")).delivery("5.99").build());

        // 5.99 incl. 5.5 % is 5.6777 excl. VAT; at 7 %: 6.08.
        assertThat(vat.delivery()).singleElement().satisfies(part -> {
            assertThat(part.rate()).isEqualTo(Percentage.of(7));
            assertThat(part.amounts().inclVat()).isEqualTo(eur("6.08"));
        });
    }

    @Test
    void deliveryOfSecondHandGoodsJoinsTheirSellingPriceAndRaisesTheMargin() {
        VatAssessment vat = ENGINE.assess(aSale().with(secondHand("CHAIR", "160.00", "100.00")).delivery("10.00").build());

        assertThat(vat.delivery()).singleElement().satisfies(part -> {
            assertThat(part.regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
            assertThat(part.category()).isEqualTo(VatCategory.E);
            assertThat(part.amounts()).isEqualTo(new Amounts(eur("10.00"), eur("0.00"), eur("10.00")));
        });
        // (160 + 10 - 100) x 20 / 120
        assertThat(vat.marginSchemeVat()).singleElement().satisfies(margin -> {
            assertThat(margin.sellingPrice()).isEqualTo(eur("170.00"));
            assertThat(margin.margin()).isEqualTo(eur("70.00"));
            assertThat(margin.vat()).isEqualTo(eur("11.67"));
        });
        assertThat(vat.totals().vat()).isEqualTo(eur("0.00"));
    }

    @Test
    void aMixedCartTaxesEachSecondHandItemOnItsOwnMarginWithoutOffsettingALoss() {
        VatAssessment vat = ENGINE.assess(aSale()
                .with(goods("LAMP", STANDARD, "120.00"), secondHand("CHAIR", "160.00", "100.00"),
                        secondHand("SOFA", "150.00", "200.00"))
                .build());

        assertThat(vat.line("LAMP").total()).isEqualTo(new Amounts(eur("100.00"), eur("20.00"), eur("120.00")));
        assertThat(vat.line("CHAIR").total()).isEqualTo(new Amounts(eur("160.00"), eur("0.00"), eur("160.00")));
        assertThat(vat.line("SOFA").total()).isEqualTo(new Amounts(eur("150.00"), eur("0.00"), eur("150.00")));
        assertThat(vat.marginSchemeVat()).extracting(MarginSchemeVat::vat).containsExactly(eur("10.00"), eur("0.00"));
        assertThat(vat.totalMarginSchemeVat()).isEqualTo(eur("10.00"));
        assertThat(vat.totals().vat()).isEqualTo(eur("20.00"));
        assertThat(vat.totals().payable()).isEqualTo(eur("430.00"));
        assertThat(vat.breakdown()).extracting(VatBreakdown::category).containsExactly(VatCategory.S, VatCategory.E);
        assertThat(vat.mentions()).extracting(LegalMention::kind).containsExactly(LegalMention.Kind.MARGIN_SCHEME_SECOND_HAND);
    }

    @Test
    void aMixedCartWithDeliverySharesItOverNormalAndSecondHandGoods() {
        VatAssessment vat = ENGINE.assess(aSale()
                .with(goods("LAMP", STANDARD, "120.00"), secondHand("CHAIR", "100.00", "40.00"), secondHand("SOFA", "100.00", "150.00"))
                .delivery("15.00").build());

        // Weights 100 (LAMP excl. VAT) : 100 : 100, so 5.00 each.
        assertThat(vat.delivery()).extracting(part -> part.amounts().inclVat()).containsExactly(eur("5.00"), eur("10.00"));
        assertThat(vat.marginSchemeVat()).extracting(MarginSchemeVat::margin).containsExactly(eur("65.00"), eur("0.00"));
        assertThat(vat.marginSchemeVat()).extracting(MarginSchemeVat::vat).containsExactly(eur("10.83"), eur("0.00"));
        assertThat(vat.totals().payable()).isEqualTo(eur("335.00"));
    }

    @Test
    void breakdownVatIsComputedOnTheBaseNotSummedFromRoundedLineVat() {
        // Ten lines of 0.99: VAT per line would be 0.165, rounded 0.17, i.e. 1.70 in all.
        List<SaleLine> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(goods("PEN-" + i, STANDARD, "0.99"));
        }
        VatAssessment vat = ENGINE.assess(aSale().with(lines.toArray(SaleLine[]::new)).build());

        assertThat(vat.breakdown()).singleElement().satisfies(row -> {
            assertThat(row.taxableAmount()).isEqualTo(eur("8.25"));
            assertThat(row.vat()).isEqualTo(eur("1.65"));
        });
        assertThat(vat.lines().stream().map(line -> line.total().exclVat()).reduce(eur("0.00"), Money::plus))
                .isEqualTo(eur("8.25"));
        assertThat(vat.lines()).extracting(line -> line.total().exclVat()).containsOnly(eur("0.82"), eur("0.83"));
        assertThat(vat.totals()).isEqualTo(new VatTotals(eur("8.25"), eur("1.65"), eur("9.90"), eur("0.00"), eur("9.90")));
    }

    @ParameterizedTest(name = "{0} at {1} %")
    @CsvSource({
            "0.03, STANDARD,    0.04, -0.01",
            "0.09, STANDARD,    0.10, -0.01",
            "1.00, STANDARD,    1.00,  0.00",
            "0.19, REDUCED_5_5, 0.19,  0.00",
    })
    void aTotalNoBaseCanReachIsReconciledByTheRoundingAmount(String price, TaxCategory category, String inclVat,
            String rounding) {
        VatAssessment vat = ENGINE.assess(aSale().with(goods("CLIP", category, price)).build());

        VatBreakdown row = vat.breakdown().getFirst();
        assertThat(row.vat()).isEqualTo(row.rate().of(row.taxableAmount()).rounded(java.math.RoundingMode.HALF_UP));
        assertThat(vat.totals().inclVat()).isEqualTo(eur(inclVat));
        assertThat(vat.totals().roundingAmount()).isEqualTo(eur(rounding));
        assertThat(vat.totals().payable()).isEqualTo(eur(price));
        assertThat(vat.line("CLIP").total().inclVat()).isEqualTo(eur(price));
    }

    @Test
    void unitPricesExclVatKeepFourDecimalsSoQuantityTimesUnitMatchesTheLine() {
        VatAssessment vat = ENGINE.assess(aSale().with(goods("MUG", STANDARD, 3, "10.00")).build());

        AssessedLine line = vat.line("MUG");
        assertThat(line.total()).isEqualTo(new Amounts(eur("25.00"), eur("5.00"), eur("30.00")));
        assertThat(line.unit().exclVat()).isEqualTo(eur("8.3333"));
        assertThat(line.unit().inclVat()).isEqualTo(eur("10.00"));
    }

    @Test
    void aDeliveryChargeWithoutGoodsIsRefused() {
        assertThatThrownBy(() -> ENGINE.assess(aSale().with(service("REPAIR", STANDARD, "60.00")).delivery("5.00").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery");
    }

    @Test
    void freeGoodsShareTheDeliveryEqually() {
        VatAssessment vat = ENGINE.assess(aSale().with(goods("GIFT", STANDARD, "0.00"), goods("SAMPLE", REDUCED_5_5, "0.00"))
                .delivery("4.00").build());

        assertThat(vat.delivery()).extracting(part -> part.amounts().inclVat()).containsExactly(eur("2.00"), eur("2.00"));
        assertThat(vat.totals().payable()).isEqualTo(eur("4.00"));
    }
}
