package io.boucle.messaging;

import java.time.Instant;

/** One line of the message log. */
public record MessageView(MessageId id, String channel, String template, String locale, String recipient,
        String subject, String bodyText, String reference, MessageStatus status, int attempts, String lastError,
        Instant createdAt, Instant sentAt) {
}
