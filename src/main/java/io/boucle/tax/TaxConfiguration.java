package io.boucle.tax;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one VAT engine, built from the bundled data at start-up. */
@Configuration(proxyBeanMethods = false)
class TaxConfiguration {

    @Bean
    VatEngine vatEngine() {
        return VatEngine.withBundledData();
    }
}
