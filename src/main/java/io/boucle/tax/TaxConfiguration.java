package io.boucle.tax;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

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

    /**
     * {@code boucle.tax.vat-number-check}: {@code vies} (default) or {@code offline}. The offline check says
     * nothing of a number's registration, and its verdicts exempt sales: it is refused, and the application
     * does not start, unless the shop is a demo ({@code boucle.demo}, by default on with the embedded
     * database) or the tests' configuration allows it ({@code boucle.tax.offline-vat-number-check-for-tests}).
     */
    @Bean
    VatNumberCheck vatNumberCheck(@Value("${boucle.tax.vat-number-check:vies}") String provider,
            @Value("${boucle.tax.vies.url:https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number}") URI url,
            @Value("${boucle.tax.vies.timeout:PT5S}") Duration timeout,
            @Value("${boucle.merchant.vat-number:}") String merchantVatNumber,
            @Value("${boucle.demo:#{null}}") Boolean demo, @Value("${boucle.database.url:}") String databaseUrl,
            @Value("${boucle.tax.offline-vat-number-check-for-tests:false}") boolean offlineForTests,
            JsonMapper json, Clock clock) {
        boolean demoMode = demo != null ? demo : databaseUrl.isBlank();
        return create(provider, demoMode || offlineForTests, url, timeout, merchantVatNumber, json, clock);
    }

    static VatNumberCheck create(String provider, boolean offlineAllowed, URI url, Duration timeout, String merchantVatNumber,
            JsonMapper json, Clock clock) {
        return switch (provider.strip().toLowerCase(Locale.ROOT)) {
            case "offline" -> {
                if (!offlineAllowed) {
                    throw new IllegalStateException("boucle.tax.vat-number-check=offline (BOUCLE_TAX_VAT_NUMBER_CHECK) only checks "
                            + "a VAT number's shape, yet would exempt the buyer's purchases from VAT: it is for the demo shop "
                            + "(BOUCLE_DEMO=true) only. A real shop checks numbers with VIES: set it to vies or leave it unset.");
                }
                yield new OfflineVatNumberCheck(clock);
            }
            case "vies" -> new ViesVatNumberCheck(url, merchantVatNumber.isBlank() ? null : VatNumber.of(merchantVatNumber),
                    timeout, json, clock);
            default -> throw new IllegalStateException("boucle.tax.vat-number-check must be vies or offline, not " + provider);
        };
    }
}
