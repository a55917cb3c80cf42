package io.boucle.platform.events;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.Externalized;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events marked {@link Externalized} to a RabbitMQ topic exchange when
 * {@code BOUCLE_AMQP_URL} is set. Externalisation runs from the event publication registry, so an
 * event is sent after its transaction commits and is retried until the broker confirms it.
 *
 * <p>The routing key is the annotation's value when it names one, otherwise
 * {@code <module>.<EventName>}, e.g. {@code staff.StaffAccountCreated}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "boucle.amqp.enabled", havingValue = "true")
class AmqpEventExternalization {

    @Bean
    TopicExchange boucleEventsExchange(@Value("${boucle.amqp.exchange}") String exchange) {
        return new TopicExchange(exchange, true, false);
    }

    @Bean
    EventExternalizationConfiguration eventExternalizationConfiguration(@Value("${boucle.amqp.exchange}") String exchange) {
        return EventExternalizationConfiguration.externalizing()
                .select(EventExternalizationConfiguration.annotatedAsExternalized())
                .routeAll(event -> RoutingTarget.forTarget(exchange).andKey(routingKey(event)))
                .build();
    }

    @Bean
    DelegatingEventExternalizer amqpEventExternalizer(EventExternalizationConfiguration configuration,
            RabbitTemplate rabbit, JsonMapper json) {
        return new DelegatingEventExternalizer(configuration, (target, event) -> {
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
            properties.setType(event.getClass().getSimpleName());
            var message = MessageBuilder.withBody(json.writeValueAsBytes(event)).andProperties(properties).build();
            rabbit.invoke(operations -> {
                operations.send(target.getTarget(), target.getKey(), message);
                operations.waitForConfirmsOrDie(10_000);
                return null;
            });
            return CompletableFuture.completedFuture(null);
        });
    }

    static String routingKey(Object event) {
        Class<?> type = event.getClass();
        Optional<String> declared = Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(type, Externalized.class))
                .map(Externalized::value)
                .filter(value -> !value.isBlank());
        if (declared.isPresent()) {
            return declared.get();
        }
        String packageName = type.getPackageName();
        String module = packageName.startsWith("io.boucle.")
                ? packageName.substring("io.boucle.".length()).split("\\.")[0]
                : packageName;
        return module + "." + type.getSimpleName();
    }
}
