package io.boucle.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo's SMS "gateway": each message is written to the application log (and kept in the message log). */
class LoggingSmsProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsProvider.class);

    @Override
    public void send(String to, String text) {
        log.info("SMS to {} kept in the log only (no SMS gateway configured): {}", mask(to), text);
    }

    @Override
    public boolean logsOnly() {
        return true;
    }

    /** The last digits only: the log is not the place for customers' phone numbers. */
    static String mask(String phone) {
        return phone.length() <= 4 ? "****" : "…" + phone.substring(phone.length() - 4);
    }

    @Configuration(proxyBeanMethods = false)
    static class Default {

        @Bean
        @ConditionalOnMissingBean(SmsProvider.class)
        SmsProvider loggingSmsProvider() {
            return new LoggingSmsProvider();
        }
    }
}
