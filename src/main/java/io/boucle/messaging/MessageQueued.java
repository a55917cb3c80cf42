package io.boucle.messaging;

/** A message was stored and is to be delivered once its transaction commits. */
record MessageQueued(MessageId messageId) {
}
