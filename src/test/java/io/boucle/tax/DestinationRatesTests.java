package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.aSale;
import static io.boucle.tax.SaleBuilder.eur;
import static io.boucle.tax.SaleBuilder.goods;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/** Rates by country, region, category and date, as OSS sales apply them. */
class DestinationRatesTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;

    @ParameterizedTest(name = "{0} {1} {2}: {3} %")
    @CsvSource({
            "DE, 10115, STANDARD,          19",
            "DE, 10115, REDUCED_10,        7",
            "DE, 10115, REDUCED_5_5,       7",
            "DE, 10115, SUPER_REDUCED_2_1, 7",
            "IT, 00184, REDUCED_5_5,       10",
            "IT, 00184, SUPER_REDUCED_2_1, 4",
            "ES, 28001, REDUCED_5_5,       10",
            "ES, 28001, SUPER_REDUCED_2_1, 4",
            "LU, 1111,  STANDARD,          17",
            "LU, 1111,  REDUCED_5_5,       3",
            "DK, 1050,  REDUCED_5_5,       25",
            "EE, 10111, REDUCED_5_5,       24",
            "EE, 10111, SUPER_REDUCED_2_1, 9",
            "IE, D02,   STANDARD,          23",
            "IE, D02,   SUPER_REDUCED_2_1, 9",
            "GR, 10431, STANDARD,          24",
            "GR, 10431, REDUCED_5_5,       13",
            "HU, 1011,  STANDARD,          27",
            "HU, 1011,  REDUCED_10,        18",
            "FI, 00100, REDUCED_5_5,       13.5",
            "FI, 00100, SUPER_REDUCED_2_1, 10",
            "PT, 1000-001, STANDARD,       23",
            "PT, 9500-123, STANDARD,       16",
            "PT, 9500-123, REDUCED_5_5,    4",
            "PT, 9000-001, STANDARD,       22",
            "AT, 1010,  STANDARD,          20",
            "AT, 6691,  STANDARD,          19",
            "AT, 6991,  STANDARD,          19",
            "AT, 6691,  REDUCED_5_5,       10",
            "GB, BT1 1AA, STANDARD,        20",
            "GB, BT1 1AA, REDUCED_10,      5",
    })
    void ossSalesTakeTheDestinationsRateForTheCategory(String country, String postcode, TaxCategory category, String rate) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).aboveTheThreshold()
                .with(goods("ITEM", category, "100.00")).build());

        assertThat(vat.line("ITEM").regime()).isEqualTo(VatRegime.OSS_DESTINATION);
        assertThat(vat.line("ITEM").rate()).isEqualTo(Percentage.of(rate));
        assertThat(vat.line("ITEM").category()).isEqualTo(VatCategory.S);
    }

    @ParameterizedTest(name = "{0} {1} on {2}: {3} %")
    @CsvSource({
            "FI, REDUCED_5_5,       2025-12-31, 14",
            "FI, REDUCED_5_5,       2026-01-01, 13.5",
            "LT, REDUCED_10,        2025-12-31, 9",
            "LT, REDUCED_10,        2026-01-01, 12",
            "SE, REDUCED_5_5,       2026-03-31, 12",
            "SE, REDUCED_5_5,       2026-04-01, 6",
            "SE, REDUCED_5_5,       2027-12-31, 6",
            "SE, REDUCED_5_5,       2028-01-01, 12",
            "SE, SUPER_REDUCED_2_1, 2026-04-01, 6",
            "EE, STANDARD,          2025-06-30, 22",
            "EE, STANDARD,          2025-07-01, 24",
            "RO, STANDARD,          2025-07-31, 19",
            "RO, STANDARD,          2025-08-01, 21",
            "BE, REDUCED_5_5,       2026-02-28, 6",
            "BE, REDUCED_5_5,       2026-03-01, 6",
    })
    void aRateChangeAppliesFromItsEffectiveDateAndTheOldRateTheDayBefore(String country, TaxCategory category,
            String date, String rate) {
        VatAssessment vat = ENGINE.assess(aSale().on(date).to(country, "").aboveTheThreshold()
                .with(goods("ITEM", category, "100.00")).build());

        assertThat(vat.line("ITEM").rate()).isEqualTo(Percentage.of(rate));
    }

    @ParameterizedTest(name = "Madeira on {0}: {1} %")
    @CsvSource({"2024-09-30, 5", "2024-10-01, 4"})
    void regionalRatesChangeOnTheirOwnDates(String date, String rate) {
        VatAssessment vat = ENGINE.assess(aSale().on(date).to("PT", "9000-001").aboveTheThreshold()
                .with(goods("ITEM", TaxCategory.REDUCED_5_5, "100.00")).build());

        assertThat(vat.line("ITEM").rate()).isEqualTo(Percentage.of(rate));
    }

    @ParameterizedTest(name = "France {0} on {1}: {2} %")
    @CsvSource({
            "STANDARD,   2013-12-31, 19.6",
            "STANDARD,   2014-01-01, 20",
            "REDUCED_10, 2013-12-31, 7",
            "REDUCED_10, 2014-01-01, 10",
    })
    void frenchRatesAreEffectiveDatedToo(TaxCategory category, String date, String rate) {
        VatAssessment vat = ENGINE.assess(aSale().on(date).with(goods("ITEM", category, "100.00")).build());

        assertThat(vat.line("ITEM").rate()).isEqualTo(Percentage.of(rate));
        assertThat(ENGINE.frenchRate(category, java.time.LocalDate.parse(date))).isEqualTo(Percentage.of(rate));
    }

    @Test
    void greeceIsGrInTheAddressAndElForVat() {
        VatAssessment vat = ENGINE.assess(aSale().to("GR", "10431").aboveTheThreshold()
                .with(goods("ITEM", TaxCategory.STANDARD, "120.00")).build());

        assertThat(vat.line("ITEM").taxCountry()).contains(VatCountry.of("EL"));
        assertThat(vat.ossCountry()).contains(VatCountry.of("GR")).hasValueSatisfying(country -> {
            assertThat(country.code()).isEqualTo("EL");
            assertThat(country.isoCountry().value()).isEqualTo("GR");
        });
        assertThat(vat.line("ITEM").total().inclVat()).isEqualTo(eur("124.00"));
    }

    @Test
    void northernIrelandIsXiForGoodsWithUkZeroRatedFood() {
        VatAssessment vat = ENGINE.assess(aSale().to("GB", "BT1 1AA").aboveTheThreshold()
                .with(goods("TEA", TaxCategory.REDUCED_5_5, "105.50")).build());

        AssessedLine line = vat.line("TEA");
        assertThat(line.regime()).isEqualTo(VatRegime.OSS_DESTINATION);
        assertThat(line.taxCountry()).contains(VatCountry.NORTHERN_IRELAND);
        assertThat(line.category()).isEqualTo(VatCategory.Z);
        assertThat(line.total()).isEqualTo(new Amounts(eur("100.00"), eur("0.00"), eur("100.00")));
        assertThat(vat.breakdown()).singleElement().satisfies(row -> {
            assertThat(row.category()).isEqualTo(VatCategory.Z);
            assertThat(row.exemptionReason()).isEmpty();
        });
        assertThat(vat.ossCountry()).contains(VatCountry.NORTHERN_IRELAND);
    }

    @ParameterizedTest(name = "{0} at {1} % from 720.00 in France: {2}")
    @CsvSource({
            "DE, 19,  714.00",
            "HU, 27,  762.00",
            "LU, 17,  702.00",
            "FI, 25.5, 753.00",
    })
    void theDestinationPriceKeepsThePriceExclVat(String country, String rate, String charged) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, "").aboveTheThreshold()
                .with(goods("DESK", TaxCategory.STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").rate()).isEqualTo(Percentage.of(rate));
        assertThat(vat.line("DESK").total().exclVat()).isEqualTo(eur("600.00"));
        assertThat(vat.line("DESK").total().inclVat()).isEqualTo(Money.euros(charged));
    }
}
