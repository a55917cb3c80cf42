package io.boucle.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs when BOUCLE_TEST_AMQP_URL names a RabbitMQ server (as .ci/run does when one answers). */
@IntegrationTest
@EnabledIfEnvironmentVariable(named = "BOUCLE_TEST_AMQP_URL", matches = ".+")
class AmqpExternalizationIntegrationTests {

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TopicExchange boucleEventsExchange;

    @Autowired
    StaffAccounts accounts;

    @Test
    void externalizedEventReachesTheBrokerAfterCommit() {
        Queue queue = new AnonymousQueue();
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(boucleEventsExchange).with("staff.StaffAccountCreated"));
        try {
            StaffAccount account = accounts.open(EmailAddress.of("amqp-" + UUID.randomUUID() + "@boucle.test"), "Amqp",
                    "a-long-enough-password", EnumSet.of(Role.SUPPORT), Locale.FRENCH);

            Message message = rabbit.receive(queue.getName(), 20_000);
            assertThat(message).as("message on the broker").isNotNull();
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            assertThat(message.getMessageProperties().getType()).isEqualTo("StaffAccountCreated");
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                    .contains(account.id().value().toString()).contains("SUPPORT");
        } finally {
            admin.deleteQueue(queue.getName());
        }
    }
}
