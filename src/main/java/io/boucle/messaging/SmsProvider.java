package io.boucle.messaging;

/**
 * Who carries text messages: a gateway's client in production. Without one, the shop uses
 * {@link LoggingSmsProvider}, which keeps them in the log. Define a bean of this type to replace it.
 */
public interface SmsProvider {

    /**
     * Sends one message; throws when the gateway refuses it or cannot be reached (it is retried later).
     */
    void send(String to, String text);

    /** Whether messages only go to the log (demo): they are then marked "logged", not "sent". */
    default boolean logsOnly() {
        return false;
    }
}
