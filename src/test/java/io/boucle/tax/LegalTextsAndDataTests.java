package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.aSale;
import static io.boucle.tax.SaleBuilder.eur;
import static io.boucle.tax.SaleBuilder.goods;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/** The data files: mention texts replaced by date, the threshold as data, corrections, input checks. */
class LegalTextsAndDataTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;

    @Test
    void cgiReferencesArePrintedUntilTheEndOf2027() {
        VatAssessment vat = ENGINE.assess(aSale().on("2027-12-31").to("US", "10001")
                .with(goods("LAMP", STANDARD, "120.00")).build());

        assertThat(vat.mentions()).extracting(LegalMention::text).containsExactly("Exonération de TVA, article 262 I du CGI");
    }

    @Test
    void aSaleNeedingAMentionWithNoTextInForceIsRefusedRatherThanPrintedWithAnOutdatedReference() {
        assertThatThrownBy(() -> ENGINE.assess(aSale().on("2028-01-01").to("US", "10001")
                .with(goods("LAMP", STANDARD, "120.00")).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EXPORT_EXEMPTION")
                .hasMessageContaining("legal-texts.json");
    }

    @Test
    void mentionsWithoutArticleReferencesStayValidAfter2027() {
        VatAssessment vat = ENGINE.assess(aSale().on("2028-01-01")
                .with(SaleBuilder.secondHand("CHAIR", "160.00", "100.00")).build());

        assertThat(vat.mentions()).extracting(LegalMention::text).containsExactly("Régime particulier – Biens d'occasion");
    }

    @Test
    void aNewWordingInTheDataFileReplacesTheOldOneOnItsDate() {
        String texts = """
                {"mentions": {"EXPORT_EXEMPTION": [
                  {"text": "Exonération de TVA, article 262 I du CGI", "valid_until": "2027-12-31", "source": "CGI"},
                  {"text": "Exonération de TVA, article L. 999-1 du CIBS", "valid_from": "2028-01-01", "source": "CIBS (test wording)"}
                ]},
                "oss_threshold": [{"amount": "10000.00", "currency": "EUR", "valid_from": "2021-07-01", "source": "art. 59c"}]}
                """;
        VatEngine engine = new VatEngine(TaxData.load(replacing(TaxData.LEGAL_TEXTS, texts)));

        assertThat(engine.assess(aSale().on("2027-12-31").to("US").with(goods("LAMP", STANDARD, "120.00")).build())
                .mentions()).extracting(LegalMention::text).containsExactly("Exonération de TVA, article 262 I du CGI");
        assertThat(engine.assess(aSale().on("2028-01-01").to("US").with(goods("LAMP", STANDARD, "120.00")).build())
                .mentions()).extracting(LegalMention::text).containsExactly("Exonération de TVA, article L. 999-1 du CIBS");
    }

    @Test
    void theOssThresholdIsData() {
        String texts = """
                {"mentions": {},
                "oss_threshold": [{"amount": "10000.00", "currency": "EUR", "valid_from": "2021-07-01", "valid_until": "2026-12-31", "source": "art. 59c"},
                                  {"amount": "20000.00", "currency": "EUR", "valid_from": "2027-01-01", "source": "a future amendment"}]}
                """;
        VatEngine engine = new VatEngine(TaxData.load(replacing(TaxData.LEGAL_TEXTS, texts)));
        SaleBuilder sale = aSale().to("DE", "10115").distanceSales("15000.00", "0.00").with(goods("DESK", STANDARD, "720.00"));

        assertThat(engine.assess(sale.on("2026-12-31").build()).line("DESK").regime()).isEqualTo(VatRegime.OSS_DESTINATION);
        assertThat(engine.assess(sale.on("2027-01-01").build()).line("DESK").regime())
                .isEqualTo(VatRegime.DISTANCE_SALE_TAXED_IN_FRANCE);
    }

    @Test
    void aTemporaryCorrectionEndsOnItsDateAndTheRatesGoBack() {
        String corrections = """
                {"corrections": [{"country": "DE", "effective_from": "2026-07-01", "effective_to": "2026-12-31",
                                  "set": {"standard": "16", "reduced": "5"}, "source": "test"}]}
                """;
        VatEngine engine = new VatEngine(TaxData.load(replacing(TaxData.CORRECTIONS, corrections)));

        assertThat(rateIn(engine, "DE", "2026-06-30")).isEqualTo(Percentage.of(19));
        assertThat(rateIn(engine, "DE", "2026-07-01")).isEqualTo(Percentage.of(16));
        assertThat(rateIn(engine, "DE", "2026-12-31")).isEqualTo(Percentage.of(16));
        assertThat(rateIn(engine, "DE", "2027-01-01")).isEqualTo(Percentage.of(19));
    }

    @Test
    void aCorrectionForACountryTheRatesFileLacksIsRejectedAtLoading() {
        String corrections = """
                {"corrections": [{"country": "CH", "effective_from": "2026-01-01", "set": {"standard": "8.1"}, "source": "test"}]}
                """;
        assertThatThrownBy(() -> TaxData.load(replacing(TaxData.CORRECTIONS, corrections)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CH");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GR, EL", "EL, EL", "gr, EL", "XI, XI", "DE, DE"})
    void greeceIsAlwaysElAsAVatCountry(String given, String code) {
        assertThat(VatCountry.of(given).code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'EL 123 456 789', EL", "'GR123456789', EL", "'xi123456789', XI", "'BE 0123.456.789', BE", "'CHE-123.456.789', CH"})
    void vatNumbersTellTheirCountry(String number, String country) {
        assertThat(VatNumber.of(number).country()).contains(VatCountry.of(country));
    }

    @Test
    void aVatNumberWithoutACountryPrefixHasNoCountry() {
        assertThat(VatNumber.of("QQ123456789").country()).isEmpty();
    }

    @Test
    void salesInAnotherCurrencyAreRefused() {
        assertThatThrownBy(() -> aSale().with(SaleLine.goods("X", STANDARD, 1, Money.of("10.00", "USD"))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR");
    }

    @Test
    void theMarginSchemeIsForGoodsOnly() {
        assertThatThrownBy(() -> new SaleLine("X", STANDARD, SupplyKind.SERVICES, 1, eur("10.00"),
                java.util.Optional.of(MarginScheme.boughtFor(eur("5.00")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goods");
    }

    @Test
    void lineReferencesMustBeUnique() {
        assertThatThrownBy(() -> aSale().with(goods("X", STANDARD, "1.00"), goods("X", STANDARD, "2.00")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    }

    @Test
    void everyMemberStateHasRatesForEveryCategoryOnAnyDateSinceOss() {
        for (String country : new String[] {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "GR", "ES", "FI", "FR", "HR",
                "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}) {
            for (TaxCategory category : TaxCategory.values()) {
                for (String date : new String[] {"2021-07-01", "2024-01-01", "2026-06-15", "2027-12-31"}) {
                    VatAssessment vat = ENGINE.assess(aSale().on(date).to(country).aboveTheThreshold()
                            .with(goods("ITEM", category, "100.00")).build());
                    assertThat(vat.line("ITEM").rate().value()).as(country + " " + category + " " + date).isPositive();
                }
            }
        }
    }

    private static Percentage rateIn(VatEngine engine, String country, String date) {
        return engine.assess(aSale().on(date).to(country).aboveTheThreshold().with(goods("ITEM", STANDARD, "100.00")).build())
                .line("ITEM").rate();
    }

    private static java.util.function.Function<String, InputStream> replacing(String file, String json) {
        ClassLoader loader = LegalTextsAndDataTests.class.getClassLoader();
        Map<String, String> replaced = Map.of(file, json);
        return name -> replaced.containsKey(name)
                ? new ByteArrayInputStream(replaced.get(name).getBytes(StandardCharsets.UTF_8))
                : loader.getResourceAsStream("tax/" + name);
    }
}
