package io.boucle.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Translates the documented {@code BOUCLE_*} variables into the properties the application and
 * its libraries read, so operators configure Boucle with one family of names. A variable can also
 * be given as a system property or command-line argument of the same name.
 */
public class BoucleEnvironment implements EnvironmentPostProcessor {

    /** Every documented variable and the property it sets; the README's configuration table. */
    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("BOUCLE_PORT", "server.port"),
            Map.entry("BOUCLE_PUBLIC_URL", "boucle.public-url"),
            Map.entry("BOUCLE_DATA_DIR", "boucle.data-dir"),
            Map.entry("BOUCLE_DATABASE_URL", "boucle.database.url"),
            Map.entry("BOUCLE_DATABASE_USER", "boucle.database.user"),
            Map.entry("BOUCLE_DATABASE_PASSWORD", "boucle.database.password"),
            Map.entry("BOUCLE_DATABASE_POOL_SIZE", "boucle.database.pool-size"),
            Map.entry("BOUCLE_CATALOG_CACHE_TTL", "boucle.catalog.cache-ttl"),
            Map.entry("BOUCLE_SEARCH_CACHE_TTL", "boucle.search.cache-ttl"),
            Map.entry("BOUCLE_PAGE_CACHE_TTL", "boucle.storefront.page-cache-ttl"),
            Map.entry("BOUCLE_ANONYMOUS_PAGE_TTL", "boucle.storefront.anonymous-page-ttl"),
            Map.entry("BOUCLE_DEMO", "boucle.demo"),
            Map.entry("BOUCLE_AMQP_URL", "boucle.amqp.url"),
            Map.entry("BOUCLE_AMQP_EXCHANGE", "boucle.amqp.exchange"),
            Map.entry("BOUCLE_SMTP_HOST", "spring.mail.host"),
            Map.entry("BOUCLE_SMTP_PORT", "spring.mail.port"),
            Map.entry("BOUCLE_SMTP_USERNAME", "spring.mail.username"),
            Map.entry("BOUCLE_SMTP_PASSWORD", "spring.mail.password"),
            Map.entry("BOUCLE_SMTP_STARTTLS", "spring.mail.properties.mail.smtp.starttls.enable"),
            Map.entry("BOUCLE_MAIL_FROM", "boucle.mail.from"),
            Map.entry("BOUCLE_CARRIER_WEBHOOK_SECRET", "boucle.fulfilment.carrier-webhook-secret"),
            Map.entry("BOUCLE_ADMIN_EMAIL", "boucle.admin.email"),
            Map.entry("BOUCLE_ADMIN_PASSWORD", "boucle.admin.password"),
            Map.entry("BOUCLE_ADMIN_API_TOKEN", "boucle.admin.api-token"),
            Map.entry("BOUCLE_TAX_VAT_NUMBER_CHECK", "boucle.tax.vat-number-check"),
            Map.entry("BOUCLE_TAX_VIES_URL", "boucle.tax.vies.url"),
            Map.entry("BOUCLE_TAX_VIES_TIMEOUT", "boucle.tax.vies.timeout"),
            Map.entry("BOUCLE_TAX_OPTED_FOR_DESTINATION_TAXATION", "boucle.tax.opted-for-destination-taxation"),
            Map.entry("BOUCLE_LOG_FORMAT", "logging.structured.format.console"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        VARIABLES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null && !value.isBlank()) {
                properties.put(property, value.strip());
            }
        });
        String amqpUrl = (String) properties.getOrDefault("boucle.amqp.url", environment.getProperty("boucle.amqp.url"));
        if (amqpUrl != null && !amqpUrl.isBlank()) {
            properties.put("spring.rabbitmq.addresses", amqpUrl);
            properties.put("boucle.amqp.enabled", "true");
            properties.put("management.health.rabbit.enabled", "true");
        }
        if ("true".equalsIgnoreCase((String) properties.get("spring.mail.properties.mail.smtp.starttls.enable"))) {
            // Required, not merely attempted: otherwise a man in the middle can strip STARTTLS.
            properties.put("spring.mail.properties.mail.smtp.starttls.required", "true");
        }
        String databaseUrl = (String) properties.getOrDefault("boucle.database.url", environment.getProperty("boucle.database.url"));
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            // Several nodes may share an external database: a restarting node must not take over
            // events that live nodes are handling. The housekeeping job redelivers stalled ones.
            properties.putIfAbsent("spring.modulith.events.republish-outstanding-events-on-restart", "false");
        }
        MapPropertySource source = new MapPropertySource("boucleVariables", properties);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }
}
