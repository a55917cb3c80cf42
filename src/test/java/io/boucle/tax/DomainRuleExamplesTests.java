package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.aSale;
import static io.boucle.tax.SaleBuilder.eur;
import static io.boucle.tax.SaleBuilder.goods;
import static io.boucle.tax.SaleBuilder.secondHand;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.boucle.shared.Percentage;

/** The examples of DOMAIN-RULES.md §3, one test each. */
class DomainRuleExamplesTests {

    static final VatEngine ENGINE = VatEngine.withBundledData();

    @Test
    void frenchConsumerPays120InclVatAs100BasePlus20Vat() {
        VatAssessment vat = ENGINE.assess(aSale().to("FR", "69003").with(goods("LAMP", STANDARD, "120.00")).build());

        AssessedLine line = vat.line("LAMP");
        assertThat(line.regime()).isEqualTo(VatRegime.DOMESTIC);
        assertThat(line.rate()).isEqualTo(Percentage.of(20));
        assertThat(line.category()).isEqualTo(VatCategory.S);
        assertThat(line.total()).isEqualTo(new Amounts(eur("100.00"), eur("20.00"), eur("120.00")));
        assertThat(vat.breakdown()).singleElement().satisfies(row -> {
            assertThat(row.taxableAmount()).isEqualTo(eur("100.00"));
            assertThat(row.vat()).isEqualTo(eur("20.00"));
        });
        assertThat(vat.totals()).isEqualTo(new VatTotals(eur("100.00"), eur("20.00"), eur("120.00"), eur("0.00"), eur("120.00")));
        assertThat(vat.mentions()).isEmpty();
    }

    @Test
    void secondHandItemBoughtFor100AndSoldFor160BearsVat10OnTheMarginWithNoVatShown() {
        VatAssessment vat = ENGINE.assess(aSale().with(secondHand("CHAIR", "160.00", "100.00")).build());

        AssessedLine line = vat.line("CHAIR");
        assertThat(line.regime()).isEqualTo(VatRegime.MARGIN_SCHEME);
        assertThat(line.category()).isEqualTo(VatCategory.E);
        assertThat(line.exemptionReason()).contains(VatExemptionReason.VATEX_EU_F);
        assertThat(line.total()).isEqualTo(new Amounts(eur("160.00"), eur("0.00"), eur("160.00")));
        assertThat(vat.totals().payable()).isEqualTo(eur("160.00"));
        assertThat(vat.totals().vat()).isEqualTo(eur("0.00"));
        assertThat(vat.breakdown()).singleElement().satisfies(row -> {
            assertThat(row.category()).isEqualTo(VatCategory.E);
            assertThat(row.vat()).isEqualTo(eur("0.00"));
            assertThat(row.exemptionText()).contains("Régime particulier – Biens d'occasion");
        });
        assertThat(vat.mentions()).extracting(LegalMention::text).containsExactly("Régime particulier – Biens d'occasion");
        assertThat(vat.marginSchemeVat()).singleElement().satisfies(margin -> {
            assertThat(margin.margin()).isEqualTo(eur("60.00"));
            assertThat(margin.vat()).isEqualTo(eur("10.00"));
        });
    }

    @Test
    void secondHandItemSoldBelowItsPurchasePriceBearsNoVat() {
        VatAssessment vat = ENGINE.assess(aSale().with(secondHand("SOFA", "150.00", "200.00")).build());

        assertThat(vat.marginSchemeVat()).singleElement().satisfies(margin -> {
            assertThat(margin.margin()).isEqualTo(eur("0.00"));
            assertThat(margin.vat()).isEqualTo(eur("0.00"));
        });
        assertThat(vat.totals().payable()).isEqualTo(eur("150.00"));
    }

    @Test
    void americanConsumerPays200WithoutVatAndTheInvoiceCitesArticle262I() {
        // EUR 200 excl. VAT: the catalog price of 240.00 incl. French VAT, less the VAT (net price kept).
        VatAssessment vat = ENGINE.assess(aSale().to("US", "10001").with(goods("LAMP", STANDARD, "240.00")).build());

        AssessedLine line = vat.line("LAMP");
        assertThat(line.regime()).isEqualTo(VatRegime.EXPORT);
        assertThat(line.category()).isEqualTo(VatCategory.G);
        assertThat(line.exemptionReason()).contains(VatExemptionReason.VATEX_EU_G);
        assertThat(line.total()).isEqualTo(new Amounts(eur("200.00"), eur("0.00"), eur("200.00")));
        assertThat(vat.totals().vat()).isEqualTo(eur("0.00"));
        assertThat(vat.mentions()).extracting(LegalMention::text).containsExactly("Exonération de TVA, article 262 I du CGI");
    }

    @Test
    void americanConsumerBuyingA200CatalogItemPaysItsPriceExclFrenchVat() {
        VatAssessment vat = ENGINE.assess(aSale().to("US", "10001").with(goods("LAMP", STANDARD, "200.00")).build());

        assertThat(vat.line("LAMP").total()).isEqualTo(new Amounts(eur("166.67"), eur("0.00"), eur("166.67")));
    }

    @Test
    void orderThatTakesDistanceSalesFrom9500Past10000IsTaxedAtTheGermanRate() {
        // 720.00 incl. French VAT is 600.00 excl. VAT: 9,500 + 600 = 10,100 > 10,000.
        VatAssessment vat = ENGINE.assess(aSale().to("DE", "10115").distanceSales("9500.00", "3000.00")
                .with(goods("DESK", STANDARD, "720.00")).build());

        AssessedLine line = vat.line("DESK");
        assertThat(line.regime()).isEqualTo(VatRegime.OSS_DESTINATION);
        assertThat(line.taxCountry()).contains(VatCountry.of("DE"));
        assertThat(line.rate()).isEqualTo(Percentage.of(19));
        assertThat(line.total()).isEqualTo(new Amounts(eur("600.00"), eur("114.00"), eur("714.00")));
        assertThat(vat.ossCountry()).contains(VatCountry.of("DE"));
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("600.00"));
    }

    @Test
    void belgianCompanyWithAValidNumberBuysGoodsExemptWithBothNumbersAndArticle262TerI() {
        VatAssessment vat = ENGINE.assess(aSale().to("BE", "1000").byCompany("BE0123456789")
                .with(goods("DESK", STANDARD, "720.00")).build());

        AssessedLine line = vat.line("DESK");
        assertThat(line.regime()).isEqualTo(VatRegime.INTRA_EU_B2B_GOODS);
        assertThat(line.rate()).isEqualTo(Percentage.ZERO);
        assertThat(line.category()).isEqualTo(VatCategory.K);
        assertThat(line.exemptionReason()).contains(VatExemptionReason.VATEX_EU_IC);
        assertThat(line.total()).isEqualTo(new Amounts(eur("600.00"), eur("0.00"), eur("600.00")));
        assertThat(vat.printBothVatNumbers()).isTrue();
        assertThat(vat.reverseCharge()).isFalse();
        assertThat(vat.mentions()).extracting(LegalMention::text)
                .containsExactly("Exonération de TVA, article 262 ter I du CGI");
        assertThat(vat.ossCountry()).isEqualTo(Optional.empty());
        assertThat(vat.distanceSalesAddition()).isEqualTo(eur("0.00"));
    }
}
