package io.boucle.fulfilment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the fulfilment module.
 *
 * @param methodsCacheTtl how long a node keeps the delivery methods and stores it read; a change
 *                        made on this node shows at once, one made on another node within this time
 */
@ConfigurationProperties("boucle.fulfilment")
record FulfilmentProperties(@DefaultValue("30s") Duration methodsCacheTtl) {
}
