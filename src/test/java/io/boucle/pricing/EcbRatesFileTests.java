package io.boucle.pricing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import io.boucle.shared.ExchangeRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcbRatesFileTests {

    static String envelope(String cubes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                  <gesmes:subject>Reference rates</gesmes:subject>
                  <Cube>%s</Cube>
                </gesmes:Envelope>
                """.formatted(cubes);
    }

    private static List<ExchangeRate> parse(String xml) {
        return EcbRatesFile.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheShippedSampleInTheDailyFormat() {
        List<ExchangeRate> rates = EcbRatesFile.parse(DemoExchangeRates.sample());

        assertThat(rates).hasSizeGreaterThan(3).allSatisfy(rate -> assertThat(rate.date()).isEqualTo(LocalDate.of(2026, 1, 2)));
        assertThat(rates).extracting(rate -> rate.currency().getCurrencyCode()).contains("GBP", "USD", "CHF");
        assertThat(rates).filteredOn(rate -> rate.currency().getCurrencyCode().equals("GBP")).singleElement()
                .satisfies(rate -> assertThat(rate.rate()).isEqualByComparingTo("0.8715"));
    }

    @Test
    void readsSeveralDaysAsTheNinetyDayFileHasThem() {
        List<ExchangeRate> rates = parse(envelope("""
                <Cube time="2026-03-03"><Cube currency="USD" rate="1.0801"/><Cube currency="GBP" rate="0.85"/></Cube>
                <Cube time="2026-03-02"><Cube currency="USD" rate="1.0790"/></Cube>
                """));

        assertThat(rates).containsExactly(
                new ExchangeRate(Currency.getInstance("USD"), new BigDecimal("1.0801"), LocalDate.of(2026, 3, 3)),
                new ExchangeRate(Currency.getInstance("GBP"), new BigDecimal("0.85"), LocalDate.of(2026, 3, 3)),
                new ExchangeRate(Currency.getInstance("USD"), new BigDecimal("1.079"), LocalDate.of(2026, 3, 2)));
    }

    @Test
    void refusesMalformedXml() {
        assertThatThrownBy(() -> parse(envelope("<Cube time=\"2026-03-03\"><Cube currency=\"USD\" rate=\"1.08\">")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> EcbRatesFile.parse(new byte[0])).isInstanceOf(InvalidRatesFile.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesFilesThatAreNotEcbRates() {
        assertThatThrownBy(() -> parse("<rates><rate currency=\"USD\">1.08</rate></rates>"))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("gesmes:Envelope");
        assertThatThrownBy(() -> parse(envelope("")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("no day of rates");
        assertThatThrownBy(() -> parse(envelope("<Cube time=\"2026-03-03\"></Cube>")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("no rate");
        assertThatThrownBy(() -> parse(envelope("<Cube time=\"03/03/2026\"><Cube currency=\"USD\" rate=\"1.08\"/></Cube>")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> parse(envelope("<Cube time=\"2026-03-03\"><Cube currency=\"USD\" rate=\"-1.08\"/></Cube>")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("positive decimal");
        assertThatThrownBy(() -> parse(envelope("<Cube time=\"2026-03-03\"><Cube currency=\"USD\" rate=\"1,08\"/></Cube>")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("positive decimal");
        assertThatThrownBy(() -> parse(envelope("<Cube time=\"2026-03-03\"><Cube currency=\"XYZ\" rate=\"1.08\"/></Cube>")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> parse(envelope("""
                <Cube time="2026-03-03"><Cube currency="USD" rate="1.08"/><Cube currency="USD" rate="1.09"/></Cube>""")))
                .isInstanceOf(InvalidRatesFile.class).hasMessageContaining("given twice");
    }

    @Test
    void refusesExternalEntitiesWithoutReadingThem(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "1.2345");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE gesmes:Envelope [<!ENTITY rate SYSTEM "%s">]>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                  <Cube><Cube time="2026-03-03"><Cube currency="USD" rate="&rate;"/></Cube></Cube>
                </gesmes:Envelope>
                """.formatted(secret.toUri());

        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(InvalidRatesFile.class).hasMessageContaining("document type")
                .hasMessageNotContaining("1.2345");
    }

    @Test
    void refusesInternalEntityExpansionToo() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01">&lol2;</gesmes:Envelope>
                """;

        assertThatThrownBy(() -> parse(bomb)).isInstanceOf(InvalidRatesFile.class);
    }
}
