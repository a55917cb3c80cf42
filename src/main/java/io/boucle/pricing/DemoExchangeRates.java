package io.boucle.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.boucle.shared.DemoSeeder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo shop's exchange rates: the sample file shipped with the application, in the ECB's daily format
 * (sample values, not the ECB's), so prices can be shown and paid in GBP, USD and CHF at once.
 */
@Component
class DemoExchangeRates implements DemoSeeder {

    static final String SAMPLE = "exchange-rates/eurofxref-daily-sample.xml";

    private final ExchangeRates rates;

    DemoExchangeRates(ExchangeRates rates) {
        this.rates = rates;
    }

    @Override
    public String name() {
        return "exchange-rates";
    }

    @Override
    public void seed() {
        rates.importEcb(sample(), "sample file " + SAMPLE);
    }

    static byte[] sample() {
        try (InputStream in = new ClassPathResource(SAMPLE).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
