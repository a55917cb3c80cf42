package io.boucle.tax;

import static io.boucle.tax.SaleBuilder.aSale;
import static io.boucle.tax.SaleBuilder.goods;
import static io.boucle.tax.SaleBuilder.secondHand;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import io.boucle.shared.ExchangeRate;
import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;

/** An assessment made in euros, converted to the currency the customer pays in. */
class AssessmentConversionTests {

    static final VatEngine ENGINE = DomainRuleExamplesTests.ENGINE;
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final ExchangeRate GBP = new ExchangeRate(Currency.getInstance("GBP"), new BigDecimal("0.8563"), DAY);

    @Test
    void everyFigureIsConvertedOnceAndTheConvertedFiguresStillAddUp() {
        VatAssessment euros = ENGINE.assess(aSale().with(goods("MUG", TaxCategory.STANDARD, 3, "12.90"),
                goods("BOOK", TaxCategory.REDUCED_5_5, 1, "21.10"), secondHand("COAT", "160.00", "100.00"))
                .delivery("5.90").build());

        VatAssessment pounds = euros.convertedAt(GBP);

        assertThat(pounds.line("MUG").total().inclVat()).isEqualTo(Money.of("33.14", "GBP")); // 38.70 × 0.8563 = 33.139
        assertThat(pounds.totals().roundingAmount().isZero()).as("a base fits every row here").isTrue();
        assertThat(pounds.line("COAT").total().vat().isZero()).as("a margin-scheme line still shows no VAT").isTrue();
        assertThat(pounds.line("MUG").rate()).isEqualTo(euros.line("MUG").rate());
        assertThat(pounds.totals().payable().currency().getCurrencyCode()).isEqualTo("GBP");
        assertThat(pounds.distanceSalesAddition()).as("the returns' figures stay in euros").isEqualTo(euros.distanceSalesAddition());
        VatInvariantsTests.checkConvertedInvariants(pounds);
    }

    @Test
    void theEuroIsTheAssessmentItself() {
        VatAssessment euros = ENGINE.assess(aSale().with(goods("MUG", TaxCategory.STANDARD, 1, "12.90")).build());

        assertThat(euros.convertedAt(ExchangeRate.identity(DAY))).isSameAs(euros);
    }

    @Test
    void generatedCartsAddUpInEveryOfferedCurrency() {
        Random random = new Random(VatInvariantsTests.SEED);
        List<ExchangeRate> rates = List.of(GBP,
                new ExchangeRate(Currency.getInstance("USD"), new BigDecimal("1.0841"), DAY),
                new ExchangeRate(Currency.getInstance("CHF"), new BigDecimal("0.9412"), DAY),
                new ExchangeRate(Currency.getInstance("JPY"), new BigDecimal("163.27"), DAY));
        int roundingAmounts = 0;
        for (int cart = 0; cart < 1_000; cart++) {
            Sale sale = VatInvariantsTests.generate(random);
            VatAssessment euros = ENGINE.assess(sale);
            for (ExchangeRate rate : rates) {
                VatAssessment converted = euros.convertedAt(rate);
                try {
                    VatInvariantsTests.checkConvertedInvariants(converted);
                } catch (AssertionError e) {
                    throw new AssertionError("cart " + cart + " in " + rate.currency() + ": "
                            + VatInvariantsTests.describe(sale), e);
                }
                assertThat(converted.lines()).hasSameSizeAs(euros.lines());
                assertThat(Math.abs(converted.totals().roundingAmount().minorUnits()))
                        .as("at most a minor unit of rounding per breakdown row").isLessThanOrEqualTo(converted.breakdown().size());
                roundingAmounts += converted.totals().roundingAmount().isZero() ? 0 : 1;
            }
        }
        assertThat(roundingAmounts).as("converted carts needing a rounding amount, of 4,000").isLessThan(400);
    }
}
