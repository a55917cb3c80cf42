package io.boucle.fulfilment;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sample relay network, unless a carrier's directory is declared. */
@Configuration(proxyBeanMethods = false)
class PickupPointDirectoryConfiguration {

    @Bean
    @ConditionalOnMissingBean(PickupPointDirectory.class)
    PickupPointDirectory sampleRelayDirectory() {
        return new SampleRelayDirectory();
    }
}
