package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.aSale;
import static io.boucle.tax.SaleBuilder.eur;
import static io.boucle.tax.SaleBuilder.goods;
import static io.boucle.tax.SaleBuilder.secondHand;
import static io.boucle.tax.SaleBuilder.service;
import static io.boucle.tax.TaxCategory.REDUCED_10;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static io.boucle.tax.TaxCategory.SUPER_REDUCED_2_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.boucle.shared.Percentage;

/** Where each sale is taxed and how: domestic, Monaco, exports, overseas, intra-EU business buyers, services. */
class PlaceOfSupplyTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;

    @ParameterizedTest(name = "{0} at {1}: {2} = {3} + {4}")
    @CsvSource({
            "STANDARD,          20,  120.00, 100.00, 20.00",
            "REDUCED_10,        10,  110.00, 100.00, 10.00",
            "REDUCED_5_5,       5.5, 105.50, 100.00, 5.50",
            "SUPER_REDUCED_2_1, 2.1, 102.10, 100.00, 2.10",
            "REDUCED_5_5,       5.5,   3.99,   3.78, 0.21",
    })
    void frenchConsumersPayTheFrenchRateOfEachCategory(TaxCategory category, String rate, String price,
            String exclVat, String vat) {
        VatAssessment assessment = ENGINE.assess(aSale().with(goods("ITEM", category, price)).build());

        AssessedLine line = assessment.line("ITEM");
        assertThat(line.regime()).isEqualTo(VatRegime.DOMESTIC);
        assertThat(line.rate()).isEqualTo(Percentage.of(rate));
        assertThat(line.total()).isEqualTo(new Amounts(eur(exclVat), eur(vat), eur(price)));
        assertThat(assessment.breakdown()).singleElement()
                .satisfies(row -> assertThat(row.vat()).isEqualTo(eur(vat)));
    }

    @ParameterizedTest(name = "Monaco {0}")
    @CsvSource({"MC, 98000", "FR, 98000"})
    void monacoIsInTheFrenchVatTerritoryEvenAboveTheOssThreshold(String country, String postcode) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).aboveTheThreshold()
                .with(goods("LAMP", STANDARD, "120.00")).build());

        assertThat(vat.line("LAMP").regime()).isEqualTo(VatRegime.DOMESTIC);
        assertThat(vat.line("LAMP").total().vat()).isEqualTo(eur("20.00"));
        assertThat(vat.ossCountry()).isEmpty();
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }

    @ParameterizedTest(name = "{0} {1} is an export")
    @CsvSource({
            "FR, 97110, Guadeloupe",
            "FR, 97200, Martinique",
            "FR, 97300, Guyane",
            "FR, 97400, La Réunion",
            "FR, 97600, Mayotte",
            "FR, 97500, Saint-Pierre-et-Miquelon (own tax code)",
            "FR, 97133, Saint-Barthélemy under its Guadeloupe postcode",
            "FR, 97150, Saint-Martin under its Guadeloupe postcode",
            "FR, 97700, Saint-Barthélemy INSEE code typed as a postcode",
            "FR, 97800, Saint-Martin INSEE code typed as a postcode",
            "FR, 98714, Polynésie française",
            "FR, 98800, Nouvelle-Calédonie",
            "GP, 97110, Guadeloupe by its ISO code",
            "RE, 97400, La Réunion by its ISO code",
            "YT, 97600, Mayotte by its ISO code",
            "PM, 97500, Saint-Pierre-et-Miquelon by its ISO code",
            "ES, 35001, Las Palmas (Canary Islands)",
            "ES, 38001, Santa Cruz de Tenerife (Canary Islands)",
            "ES, 51001, Ceuta",
            "ES, 52001, Melilla",
            "DE, 27498, Heligoland",
            "DE, 78266, Büsingen am Hochrhein",
            "IT, 23041, Livigno",
            "IT, 22061, Campione d'Italia",
            "GR, 630 86, Mount Athos",
            "FI, 22100, Mariehamn (Åland)",
            "AX, 22100, Åland by its ISO code",
            "GB, SW1A 1AA, London",
            "CH, 1201, Geneva",
            "NO, 0150, Oslo",
            "US, 10001, New York",
    })
    void goodsLeavingTheEuVatTerritoryAreExemptExportsCitingArticle262I(String country, String postcode, String place) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).with(goods("LAMP", STANDARD, "120.00")).build());

        AssessedLine line = vat.line("LAMP");
        assertThat(line.regime()).as(place).isEqualTo(VatRegime.EXPORT);
        assertThat(line.category()).isEqualTo(VatCategory.G);
        assertThat(line.total()).isEqualTo(new Amounts(eur("100.00"), eur("0.00"), eur("100.00")));
        assertThat(vat.mentions()).extracting(LegalMention::kind).containsExactly(LegalMention.Kind.EXPORT_EXEMPTION);
    }

    @ParameterizedTest(name = "{0} {1} stays in the EU")
    @CsvSource({
            "FR, 20000, Ajaccio (Corsica)",
            "FR, 97000, not an overseas postcode",
            "ES, 28001, Madrid",
            "ES, 07001, Palma (Balearic Islands)",
            "DE, 78262, Gailingen next to Büsingen",
            "IT, 23030, Valdidentro next to Livigno",
            "FI, 00100, Helsinki",
            "PT, 9500-123, Ponta Delgada (Azores)",
            "GB, BT1 1AA, Belfast (Northern Ireland)",
    })
    void placesInsideTheEuVatTerritoryAreNotExports(String country, String postcode, String place) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).with(goods("LAMP", STANDARD, "120.00")).build());

        assertThat(vat.line("LAMP").regime()).as(place).isIn(VatRegime.DOMESTIC, VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE);
        assertThat(vat.line("LAMP").total().vat()).isEqualTo(eur("20.00"));
    }

    @Test
    void secondHandGoodsExportedStayExemptAndKeepTheirCatalogPrice() {
        VatAssessment vat = ENGINE.assess(aSale().to("CH", "1201").with(secondHand("CHAIR", "160.00", "100.00")).build());

        AssessedLine line = vat.line("CHAIR");
        assertThat(line.regime()).isEqualTo(VatRegime.EXPORT);
        assertThat(line.category()).isEqualTo(VatCategory.G);
        assertThat(line.total()).isEqualTo(new Amounts(eur("160.00"), eur("0.00"), eur("160.00")));
        assertThat(vat.marginSchemeVat()).isEmpty();
        assertThat(vat.mentions()).extracting(LegalMention::kind).containsExactly(LegalMention.Kind.EXPORT_EXEMPTION);
    }

    @ParameterizedTest(name = "{0} number for goods to {1}")
    @CsvSource({
            "BE0123456789,  BE, 1000",
            "DE123456789,   DE, 10115",
            "EL123456789,   GR, 10431",
            "GR123456789,   GR, 10431",
            "EL123456789,   DE, 10115",
            "XI123456789,   GB, BT1 1AA",
            "IE1234567T,    NL, 1011",
            "ATU12345678,   AT, 6691",
    })
    void aBusinessIdentifiedInAnotherMemberStateBuysGoodsExemptWithBothNumbers(String number, String country, String postcode) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).byCompany(number).aboveTheThreshold()
                .with(goods("DESK", REDUCED_5_5, "105.50")).build());

        AssessedLine line = vat.line("DESK");
        assertThat(line.regime()).isEqualTo(VatRegime.INTRA_EU_B2B_GOODS);
        assertThat(line.category()).isEqualTo(VatCategory.K);
        assertThat(line.total().inclVat()).isEqualTo(eur("100.00"));
        assertThat(vat.printBothVatNumbers()).isTrue();
        assertThat(vat.mentions()).extracting(LegalMention::text)
                .containsExactly("Exonération de TVA, article 262 ter I du CGI");
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }

    @Test
    void anInvalidVatNumberMakesTheBuyerAConsumer() {
        VatAssessment vat = ENGINE.assess(aSale().to("BE", "1000").by(Buyer.business("BE0123456789", false))
                .with(goods("DESK", STANDARD, "720.00")).build());

        AssessedLine line = vat.line("DESK");
        assertThat(line.regime()).isEqualTo(VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE);
        assertThat(line.total()).isEqualTo(new Amounts(eur("600.00"), eur("120.00"), eur("720.00")));
        assertThat(vat.printBothVatNumbers()).isFalse();
        assertThat(vat.mentions()).isEmpty();
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("600.00"));
    }

    @Test
    void anInvalidVatNumberAboveTheThresholdMeansTheDestinationRateLikeAnyConsumer() {
        VatAssessment vat = ENGINE.assess(aSale().to("BE", "1000").by(Buyer.business("BE0123456789", false))
                .aboveTheThreshold().with(goods("DESK", STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").regime()).isEqualTo(VatRegime.OSS_DESTINATION);
        assertThat(vat.line("DESK").rate()).isEqualTo(Percentage.of(21));
        assertThat(vat.line("DESK").total().inclVat()).isEqualTo(eur("726.00"));
    }

    @Test
    void aBusinessIdentifiedOnlyInFranceGetsFrenchVatOnGoodsSentToAnotherMemberState() {
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").byCompany("FR40303265045").aboveTheThreshold()
                .with(goods("DESK", STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").regime()).isEqualTo(VatRegime.DOMESTIC);
        assertThat(vat.line("DESK").total().vat()).isEqualTo(eur("120.00"));
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }

    @Test
    void aForeignBusinessReceivingGoodsInFrancePaysFrenchVat() {
        VatAssessment vat = ENGINE.assess(aSale().to("FR", "67000").byCompany("DE123456789")
                .with(goods("DESK", STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").regime()).isEqualTo(VatRegime.DOMESTIC);
        assertThat(vat.printBothVatNumbers()).isFalse();
    }

    @Test
    void aNonEuBusinessNumberDoesNotExemptGoodsSentToAMemberState() {
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").byCompany("CHE123456789")
                .with(goods("DESK", STANDARD, "720.00")).build());

        assertThat(vat.line("DESK").regime()).isEqualTo(VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE);
    }

    @Test
    void secondHandGoodsSoldToAnEuBusinessStayUnderTheMarginSchemeAtTheFrenchRate() {
        VatAssessment vat = ENGINE.assess(aSale().to("BE", "1000").byCompany("BE0123456789")
                .with(secondHand("CHAIR", "160.00", "100.00")).build());

        assertThat(vat.line("CHAIR").regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
        assertThat(vat.line("CHAIR").total().inclVat()).isEqualTo(eur("160.00"));
        assertThat(vat.marginSchemeVat()).singleElement().satisfies(m -> assertThat(m.vat()).isEqualTo(eur("10.00")));
        assertThat(vat.printBothVatNumbers()).isFalse();
    }

    @Test
    void secondHandGoodsToAnEuConsumerAboveTheThresholdStayAtTheFrenchRateAndDoNotCount() {
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").aboveTheThreshold()
                .with(secondHand("CHAIR", "160.00", "100.00")).build());

        assertThat(vat.line("CHAIR").regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
        assertThat(vat.marginSchemeVat()).singleElement().satisfies(m -> {
            assertThat(m.rate()).isEqualTo(Percentage.of(20));
            assertThat(m.vat()).isEqualTo(eur("10.00"));
        });
        assertThat(vat.ossCountry()).isEmpty();
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }

    @ParameterizedTest(name = "services to a company {0}: {1}")
    @CsvSource({
            "BE0123456789,  BE, 1000,  REVERSE_CHARGE_SERVICES, AE, 100.00",
            "EL123456789,   GR, 10431, REVERSE_CHARGE_SERVICES, AE, 100.00",
            "DE123456789,   FR, 75011, REVERSE_CHARGE_SERVICES, AE, 100.00",
            "FR40303265045, DE, 10115, DOMESTIC,                S,  120.00",
            "XI123456789,   GB, BT1 1AA, OUTSIDE_SCOPE_SERVICES, O, 100.00",
            "CHE123456789,  CH, 1201,  OUTSIDE_SCOPE_SERVICES,  O,  100.00",
    })
    void servicesToABusinessAreTaxedWhereItIsEstablished(String number, String country, String postcode,
            VatRegime regime, VatCategory category, String charged) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).byCompany(number)
                .with(service("REPAIR", STANDARD, "120.00")).build());

        AssessedLine line = vat.line("REPAIR");
        assertThat(line.regime()).isEqualTo(regime);
        assertThat(line.category()).isEqualTo(category);
        assertThat(line.total().inclVat()).isEqualTo(eur(charged));
        assertThat(vat.reverseCharge()).isEqualTo(regime == VatRegime.REVERSE_CHARGE_SERVICES);
        assertThat(vat.printBothVatNumbers()).isEqualTo(regime == VatRegime.REVERSE_CHARGE_SERVICES);
    }

    @Test
    void reverseChargedServicesCarryAutoliquidationAndTheCustomersCountry() {
        VatAssessment vat = ENGINE.assess(aSale().to("BE", "1000").byCompany("BE0123456789")
                .with(service("REPAIR", STANDARD, "120.00")).build());

        assertThat(vat.line("REPAIR").taxCountry()).contains(VatCountry.of("BE"));
        assertThat(vat.line("REPAIR").exemptionReason()).contains(VatExemptionReason.VATEX_EU_AE);
        assertThat(vat.mentions()).extracting(LegalMention::text).containsExactly("Autoliquidation");
        assertThat(vat.breakdown()).singleElement().satisfies(row -> {
            assertThat(row.category()).isEqualTo(VatCategory.AE);
            assertThat(row.vat()).isEqualTo(eur("0.00"));
            assertThat(row.exemptionText()).contains("Autoliquidation");
        });
    }

    @ParameterizedTest(name = "services to a consumer in {0}")
    @CsvSource({"DE, 10115", "US, 10001", "FR, 97110"})
    void servicesToConsumersAreTaxedInFranceAndDoNotCountAsDistanceSales(String country, String postcode) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).aboveTheThreshold()
                .with(service("ENGRAVING", STANDARD, "12.00")).build());

        assertThat(vat.line("ENGRAVING").regime()).isEqualTo(VatRegime.DOMESTIC);
        assertThat(vat.line("ENGRAVING").total().vat()).isEqualTo(eur("2.00"));
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }

    @Test
    void aMixedBusinessOrderCarriesEveryMentionOnce() {
        VatAssessment vat = ENGINE.assess(aSale().to("BE", "1000").byCompany("BE0123456789")
                .with(goods("DESK", STANDARD, "120.00"), goods("BOOK", REDUCED_5_5, "21.10"),
                        service("INSTALL", STANDARD, "60.00"), secondHand("CHAIR", "160.00", "100.00"))
                .build());

        assertThat(vat.mentions()).extracting(LegalMention::kind).containsExactly(
                LegalMention.Kind.INTRA_EU_SUPPLY_EXEMPTION, LegalMention.Kind.REVERSE_CHARGE,
                LegalMention.Kind.MARGIN_SCHEME_SECOND_HAND);
        assertThat(vat.breakdown()).extracting(VatBreakdown::category)
                .containsExactly(VatCategory.K, VatCategory.AE, VatCategory.E);
        assertThat(vat.totals().payable()).isEqualTo(eur("100.00").plus(eur("20.00")).plus(eur("50.00")).plus(eur("160.00")));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
            "REDUCED_10,        US, 10001, 110.00, 100.00",
            "SUPER_REDUCED_2_1, CH, 1201,  102.10, 100.00",
            "REDUCED_5_5,       FR, 97400,   1.00,   0.95",
    })
    void exportsChargeThePriceExclFrenchVatOfEveryCategory(TaxCategory category, String country, String postcode,
            String catalog, String charged) {
        VatAssessment vat = ENGINE.assess(aSale().to(country, postcode).with(goods("ITEM", category, catalog)).build());

        assertThat(vat.line("ITEM").total().inclVat()).isEqualTo(eur(charged));
        assertThat(vat.line("ITEM").total().vat()).isEqualTo(eur("0.00"));
    }

    @Test
    void superReducedAndReducedCategoriesMixInOneDomesticInvoice() {
        VatAssessment vat = ENGINE.assess(aSale().with(goods("PAPER", SUPER_REDUCED_2_1, "2.00"),
                goods("PILLS", REDUCED_10, "8.50"), goods("BOOK", REDUCED_5_5, "19.00"), goods("LAMP", STANDARD, "49.90"))
                .build());

        assertThat(vat.breakdown()).extracting(VatBreakdown::rate)
                .containsExactly(Percentage.of("2.1"), Percentage.of(10), Percentage.of("5.5"), Percentage.of(20));
        assertThat(vat.totals().payable()).isEqualTo(eur("79.40"));
    }
}
