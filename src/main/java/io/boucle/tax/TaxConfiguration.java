package io.boucle.tax;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** The application's one VAT engine, built from the bundled data at start-up, and its VAT number check. */
@Configuration(proxyBeanMethods = false)
class TaxConfiguration {

    @Bean
    VatEngine vatEngine() {
        return VatEngine.withBundledData();
    }

    /** {@code boucle.tax.vat-number-check}: {@code offline} (default) or {@code vies}. */
    @Bean
    VatNumberCheck vatNumberCheck(@Value("${boucle.tax.vat-number-check:offline}") String provider,
            @Value("${boucle.tax.vies.url:https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number}") URI url,
            @Value("${boucle.tax.vies.timeout:PT5S}") Duration timeout,
            @Value("${boucle.merchant.vat-number:}") String merchantVatNumber, JsonMapper json, Clock clock) {
        return switch (provider.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "offline" -> new OfflineVatNumberCheck(clock);
            case "vies" -> new ViesVatNumberCheck(url, merchantVatNumber.isBlank() ? null : VatNumber.of(merchantVatNumber),
                    timeout, json, clock);
            default -> throw new IllegalStateException("boucle.tax.vat-number-check must be offline or vies, not " + provider);
        };
    }
}
