package io.boucle.pricing;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;

import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.boucle.pricing.EcbRatesFileTests.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rates imported from ECB files, each in force from its day until the next; a bad file imports nothing. */
@IntegrationTest
class ExchangeRatesIntegrationTests {

    // Days long past, so no other test's "rate of today" changes.
    private static final Currency SEK = Currency.getInstance("SEK");
    private static final Currency NOK = Currency.getInstance("NOK");

    @Autowired
    ExchangeRates rates;

    private static byte[] xml(String cubes) {
        return envelope(cubes).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void importsTheRatesOfEachDayAndUsesTheLatestInForce() {
        ExchangeRates.Imported imported = rates.importEcb(xml("""
                <Cube time="2019-04-02"><Cube currency="SEK" rate="10.40"/><Cube currency="NOK" rate="9.70"/></Cube>
                <Cube time="2019-04-05"><Cube currency="SEK" rate="10.45"/></Cube>
                """), "test-90d.xml");

        assertThat(imported.days()).containsExactly(LocalDate.of(2019, 4, 2), LocalDate.of(2019, 4, 5));
        assertThat(imported.rates()).isEqualTo(3);
        assertThat(rates.rateOn(SEK, LocalDate.of(2019, 4, 1))).isEmpty();
        assertThat(rates.rateOn(SEK, LocalDate.of(2019, 4, 4))).hasValueSatisfying(rate -> {
            assertThat(rate.rate()).isEqualByComparingTo("10.40");
            assertThat(rate.date()).isEqualTo(LocalDate.of(2019, 4, 2));
        });
        assertThat(rates.rateOn(SEK, LocalDate.of(2019, 4, 5)).orElseThrow().rate()).isEqualByComparingTo("10.45");
        assertThat(rates.rateOn(Money.EUR, LocalDate.of(2019, 4, 1)).orElseThrow().isIdentity()).isTrue();
        assertThat(rates.current(Money.EUR)).hasValueSatisfying(euro -> assertThat(euro.rate()).isEqualByComparingTo("1"));

        // A corrected rate of a day replaces it.
        rates.importEcb(xml("<Cube time=\"2019-04-05\"><Cube currency=\"SEK\" rate=\"10.46\"/></Cube>"), "correction.xml");
        assertThat(rates.rateOn(SEK, LocalDate.of(2019, 4, 6)).orElseThrow().rate()).isEqualByComparingTo("10.46");
    }

    @Test
    void importsNothingOfAFileWithOneBadRate() {
        assertThatThrownBy(() -> rates.importEcb(xml("""
                <Cube time="2019-05-06"><Cube currency="NOK" rate="9.80"/><Cube currency="SEK" rate="abc"/></Cube>
                """), "bad.xml")).isInstanceOf(InvalidRatesFile.class).hasMessageContaining("SEK");

        assertThat(rates.rateOn(NOK, LocalDate.of(2019, 5, 6)).map(rate -> rate.date()))
                .as("the good rate of the bad file was not stored").isNotEqualTo(java.util.Optional.of(LocalDate.of(2019, 5, 6)));
    }
}
