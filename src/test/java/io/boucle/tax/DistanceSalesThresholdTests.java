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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.boucle.shared.Percentage;

/** The EUR 10,000 EU-wide threshold for distance sales (Directive 2006/112/EC art. 59c). */
class DistanceSalesThresholdTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;

    @ParameterizedTest(name = "so far {0}, last year {1}: {2}")
    @CsvSource({
            "0.00,     0.00,     DISTANCE_SALE_TAXED_IN_FRANCE, first sale of a small seller",
            "9400.00,  0.00,     DISTANCE_SALE_TAXED_IN_FRANCE, reaching exactly 10000.00 does not exceed",
            "9400.01,  0.00,     OSS_DESTINATION,               10000.01 exceeds: this sale switches",
            "9999.99,  0.00,     OSS_DESTINATION,               a small total crossing by a sale",
            "10000.00, 0.00,     OSS_DESTINATION,               exactly at the threshold before this sale",
            "12000.00, 0.00,     OSS_DESTINATION,               every sale after the crossing",
            "0.00,     10000.00, DISTANCE_SALE_TAXED_IN_FRANCE, last year exactly at the threshold",
            "0.00,     10000.01, OSS_DESTINATION,               last year over the threshold",
    })
    void destinationVatAppliesFromTheSaleThatExceedsTheThreshold(String currentYear, String previousYear,
            VatRegime regime, String why) {
        // 720.00 incl. French VAT: 600.00 towards the threshold.
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").distanceSales(currentYear, previousYear)
                .with(goods("DESK", STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").regime()).as(why).isEqualTo(regime);
        assertThat(vat.line("DESK").total().inclVat())
                .isEqualTo(regime == VatRegime.OSS_DESTINATION ? eur("714.00") : eur("720.00"));
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("600.00"));
    }

    @Test
    void aSellerWhoOptedForDestinationTaxationPaysTheDestinationRateBelowTheThreshold() {
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115")
                .distanceSales(new DistanceSales(eur("0.00"), eur("0.00"), true))
                .with(goods("DESK", STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").regime()).isEqualTo(VatRegime.OSS_DESTINATION);
        assertThat(vat.ossCountry()).contains(VatCountry.of("DE"));
    }

    @Test
    void theWholeCartThatCrossesTheThresholdIsTaxedAtDestinationDeliveryIncluded() {
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").distanceSales("9950.00", "0.00")
                .with(goods("LAMP", STANDARD, "36.00"), goods("COFFEE", REDUCED_5_5, "21.10")).delivery("12.00").build());

        assertThat(vat.lines()).extracting(AssessedLine::regime).containsOnly(VatRegime.OSS_DESTINATION);
        assertThat(vat.lines()).extracting(AssessedLine::rate).containsExactly(Percentage.of(19), Percentage.of(7));
        assertThat(vat.delivery()).extracting(DeliveryPart::regime).containsOnly(VatRegime.OSS_DESTINATION);
        // Measured under French VAT: 30.00 + 20.00 of goods, and the delivery split 30 : 20 into 7.20 at
        // 20 % (6.00 excl. VAT) and 4.80 at 5.5 % (4.55 excl. VAT).
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("60.55"));
    }

    @Test
    void deliveryCountsTowardsTheThresholdButServicesAndMarginSchemeGoodsDoNot() {
        VatAssessment vat = ENGINE.assess(aSale().to("IT", "00184")
                .with(goods("LAMP", STANDARD, "120.00"), service("ENGRAVING", STANDARD, "12.00"),
                        secondHand("CHAIR", "160.00", "100.00"))
                .delivery("6.00").build());

        // LAMP 100.00 and its part of the delivery, 2.31 of the 6.00 (split 100 : 160 with the chair),
        // 1.93 excl. VAT as the invoice shows it.
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("101.93"));
        assertThat(vat.delivery()).extracting(DeliveryPart::regime)
                .containsExactly(VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE, VatRegime.MARGIN_SCHEME);
    }

    @Test
    void theAdditionUnderTheThresholdIsExactlyWhatTheInvoiceShowsExclVat() {
        VatAssessment vat = ENGINE.assess(aSale().to("AT", "1010")
                .with(goods("A", STANDARD, 3, "0.99"), goods("B", REDUCED_5_5, "3.99")).delivery("4.90").build());

        var lines = vat.lines().stream().map(line -> line.total().exclVat()).reduce(eur("0.00"), io.boucle.shared.Money::plus);
        var delivery = vat.delivery().stream().map(part -> part.amounts().exclVat()).reduce(eur("0.00"), io.boucle.shared.Money::plus);
        assertThat(vat.distanceSalesAddition()).isEqualTo(lines.plus(delivery)).isEqualTo(vat.totals().exclVat());
    }

    @Test
    void salesOutsideDistanceSellingNeitherCountNorNeedTheThreshold() {
        // Before 2021-07-01 there was no EU-wide threshold; a domestic sale does not ask for one.
        VatAssessment vat = ENGINE.assess(aSale().on("2019-03-01").with(goods("LAMP", STANDARD, "120.00")).build());

        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }

    @Test
    void anEuDistanceSaleBeforeTheEuWideThresholdExistedIsRefused() {
        assertThatThrownBy(() -> ENGINE.assess(aSale().on("2021-06-30").to("DE", "10115")
                .with(goods("LAMP", STANDARD, "120.00")).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OSS threshold");
    }
}
